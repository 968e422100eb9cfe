#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Dev-time generator of samples/coding/P01-* … P04-*/{passages,ratings,classification}.csv.

Passages are written here as quotes from the transcripts (one passage "unit" each, with the
coders' differences: a missed passage, other boundaries, a neighbouring code); locate.py turns
them into code-point offsets. The committed CSVs are the data; rerun this after editing a
transcript or a unit:  python3 samples/tools/make_coding.py
"""
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from locate import locate, stored_text  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parents[2] / "samples"
CODERS = ("coder-a", "coder-b", "master")
SCHEME = {
    "som": "aai-state-of-mind",
    "exp": "aai-experience",
    "grice": "aai-coherence-grice",
    "unr": "aai-unresolved",
}
MISSED = None


def unit(code, quote, memo="", **variants):
    """A passage every coder codes alike unless `variants` (keyed coder_a, coder_b, master)
    says otherwise: MISSED, a different quote (str or (first, last)), or a dict with any of
    quote/code/memo."""
    return (code, quote, memo, {k.replace("_", "-"): v for k, v in variants.items()})


def only(coders, code, quote, memo=""):
    """A passage only some coders marked."""
    return unit(code, quote, memo, **{c.replace("-", "_"): MISSED for c in CODERS
                                      if c not in coders})


# ---------------------------------------------------------------------------------------------
P01 = [
    unit("som:evaluation-supported",
         "she got into my bed with her uniform still on and told me a silly story about a duck "
         "who lived in our bath until I fell asleep",
         "warm: specific, vivid memory",
         coder_b=("And Mum had just come off a night shift", "until I fell asleep")),
    unit("exp:exp-loving-mother",
         "She didn't make a fuss, she was just there.", "comfort after nightmare",
         coder_b=MISSED),
    unit("som:metacognition", "I don't think that cancels out the warm, it's just true as well.",
         "holds warm and tired together"),
    unit("exp:exp-rejecting-mother",
         "she was cross, she said something sharp, I don't remember the words, and I cried",
         "brief rebuff, repaired later",
         coder_b={"code": "exp:exp-neglecting-mother", "memo": "tired, not available"}),
    unit("som:evaluation-supported",
         "she came, she was at the back in her coat, and afterwards she said she'd swapped a "
         "shift with a friend", "reliable: supported"),
    unit("som:metacognition",
         "It's a bit of a mixed picture, but mostly I felt I could count on her.",
         "balanced overall evaluation", coder_b=MISSED),
    unit("exp:exp-loving-father",
         "he took me down the garden and showed me where he'd buried it, and he'd put a little "
         "ring of stones round it", "gentle: rabbit burial",
         coder_a=("When our rabbit died", "a little ring of stones round it")),
    unit("som:metacognition",
         "I think what I mean is that when I was upset he didn't always know what to do.",
         "revises the adjective distant"),
    unit("som:evaluation-supported", "he never once got annoyed. Well, I remember him sighing once.",
         "patient supported, self-correction",
         coder_b={"code": "som:metacognition", "memo": "corrects herself"}),
    unit("exp:exp-loving-father",
         "Dad held my other hand the whole time, he didn't say much but he didn't let go.",
         "comfort when hurt"),
    unit("exp:exp-loving-mother",
         "She'd arranged to take days off. She read me the whole of a long book about a horse over "
         "those days.", "care when ill", coder_a="She read me the whole of a long book about a horse"),
    unit("som:metacognition",
         "Looking back she had a newborn and nights and so on, so I don't think she meant it as a "
         "rejection, but at three it felt like one.", "child's and adult's view distinguished"),
    unit("exp:exp-loving-mother",
         "She said she started doing a special half hour with me after his bedtime.",
         "mother noticed and repaired", coder_a=MISSED),
    unit("som:metacognition", "which is, um, a bit like her, now that I say it out loud.",
         "insight arrives while speaking",
         coder_b=("But I've also noticed I can overdo it", "now that I say it out loud.")),
    unit("som:metacognition",
         "I'm not sure, though. I might be making too much of it.",
         "doubts her own inference",
         coder_a=("Maybe that I learned to manage on my own a bit early",
                  "I might be making too much of it.")),
    unit("som:metacognition", "I think he did better than his own father.",
         "intergenerational view",
         coder_a={"code": "som:valuing-attachment", "memo": "credits father"}),
    unit("som:valuing-attachment",
         "I think it taught me that people go and you carry them with you. That sounds like a "
         "card. But it's what I actually think.", "loss integrated"),
    unit("som:valuing-attachment",
         "He told me last year that he regretted not being more there when I was little, which I "
         "didn't expect. I told him I thought he'd done all right, and I meant it.",
         "forgiving, balanced", coder_b=MISSED),
    unit("som:valuing-attachment",
         "That it's all right to be upset, and that someone will come. Even if they come late, or "
         "tired.", "values comfort"),
    only(("coder-b",), "grice:relation-digression",
         "my grandma sent us parcels with tablet in them, the sweet, you know.",
         "aside about sweets"),
    only(("master", "coder-a"), "som:valuing-attachment",
         "I still shell peas the way she showed me.", "grandmother carried on"),
]

P02 = [
    unit("som:idealization-mother", "Loving. Very loving. Um, caring. Supportive. Excellent.",
         "five positive adjectives, quickly"),
    unit("grice:quality-unsupported-positive", "She was a very loving mother in every way.",
         "loving: no memory given",
         coder_b=("She made sure we had everything we needed", "in every way.")),
    unit("som:lack-of-recall",
         "You don't remember individual days from when you were five, do you? I don't, anyway.",
         "recall closed down"),
    unit("exp:exp-pressure-mother", "If I hadn't finished it I wasn't allowed down to tea.",
         "homework before food",
         coder_b="She was very particular about homework. If I hadn't finished it I wasn't "
                 "allowed down to tea."),
    unit("som:lack-of-recall",
         "I don't really remember anything before school. Honestly, my memory for that time is a "
         "blank.", "blanket lack of recall"),
    unit("som:contradiction",
         "She came to the school concerts. Well, I think she did. She was very busy with the "
         "church, so she wasn't always able to.", "supportive undone by own example",
         coder_b={"code": "grice:quality-contradiction", "memo": "supportive contradicted"}),
    unit("som:derogation-attachment",
         "I didn't need a lot of support. (laughs) I just got on with things.",
         "self-sufficiency stressed", coder_a=MISSED),
    unit("som:idealization-mother", "She was an excellent mother. Everyone said so.",
         "excellent via others' opinion"),
    unit("grice:quantity-too-brief",
         "Just — everything. I can't pick one thing. It was excellent all round.",
         "no memory for excellent"),
    unit("exp:exp-rejecting-mother",
         "Well, you went to your room until you'd calmed down. That's what you did.",
         "distress sent away"),
    unit("som:lack-of-recall", "I don't remember it at all. Renée remembers everything.",
         "sister's memory dismissed",
         coder_a=("I don't remember it at all.", "I think she exaggerates, frankly.")),
    unit("som:idealization-father",
         "He was a good father. He did everything a father should. I can't fault him.",
         "good: unsupported"),
    unit("exp:exp-neglecting-father",
         "He'd leave before we were up and come back after we'd had tea.", "rarely present"),
    unit("som:derogation-attachment", "I didn't miss him, if that's what you mean. It was normal.",
         "absence minimised", coder_b=MISSED),
    unit("som:lack-of-recall",
         "No. I really don't. I'm sorry, I know you want examples, but there just isn't anything "
         "there.", "no upset remembered"),
    unit("exp:exp-rejecting-father", "He was annoyed, I think, because it was a busy day.",
         "injury an inconvenience"),
    unit("exp:exp-neglecting-mother", "She'd leave it outside the door, because of germs",
         "tray left outside",
         coder_a="She'd leave it outside the door, because of germs — she was very careful about "
                 "germs"),
    unit("som:lack-of-recall",
         "I can't really remember that whole first year, if I'm honest. It's a blur.",
         "boarding school blank"),
    unit("exp:exp-rejecting-mother",
         "my mother didn't like being touched much, she wasn't a hugger",
         "rejection of contact, normalised",
         coder_b={"code": "exp:exp-neglecting-mother", "memo": "no physical comfort"}),
    unit("som:derogation-attachment",
         "I don't really believe in all that, blaming your parents for how you turned out.",
         "influence denied"),
    unit("som:lack-of-recall",
         "I don't remember feeling anything about it particularly.", "loss: no feeling recalled",
         coder_b=MISSED),
    unit("som:derogation-attachment",
         "Not to make a fuss. That's what I learned, and it's served me well.",
         "passes on not making a fuss"),
    unit("som:idealization-mother", "She's a wonderful woman, she's done everything for us.",
         "idealising in the present",
         coder_a="It's exactly as it should be. She's a wonderful woman, she's done everything "
                 "for us."),
]

P03 = [
    unit("som:derogation-mother",
         "Hopeless. Dramatic. Self-absorbed. Um – weak. And, I suppose, irrelevant.",
         "five contemptuous adjectives"),
    unit("som:derogation-mother", "I mean, honestly. It’s a joke.", "contempt"),
    unit("exp:exp-involving-mother",
         "I remember being about seven and reading the gas bill to her because she said the "
         "numbers “made her head swim”.", "child reads the bills"),
    unit("som:derogation-mother",
         "Honestly, she should have been on the stage. She’d have been a terrible actress but at "
         "least she’d have been paid.", "mocking",
         coder_b={"code": "som:anger-mother", "memo": "angry mockery"}),
    unit("som:derogation-mother",
         "I remember thinking, this is pathetic, somebody in this family has to be an adult.",
         "pathetic", coder_a=("And I made toast.", "has to be an adult.")),
    unit("exp:exp-involving-mother", "And I made toast.", "role reversal at nine",
         coder_a=MISSED),
    unit("som:derogation-attachment", "Not that I cared. I didn’t need her to care.",
         "need denied"),
    unit("som:derogation-mother",
         "I’ve no time for that. I’ve honestly got no time for people who won’t stand up for "
         "themselves.", "contempt for weakness",
         coder_b={"code": "som:anger-mother", "memo": "heated"}),
    unit("som:derogation-attachment", "I brought myself up, more or less.", "parents dismissed"),
    unit("som:derogation-attachment",
         "You don’t go to the sofa for comfort when the sofa’s crying.", "comfort dismissed",
         coder_b=MISSED),
    unit("som:derogation-father",
         "A bicycle man who couldn’t be bothered to teach his daughter to ride a bicycle.",
         "summary dismissal"),
    unit("exp:exp-neglecting-father",
         "He came up at nine, smelling of the pub, and he’d bought me a bell.",
         "birthday forgotten"),
    unit("som:contradiction",
         "I think I’ve still got it somewhere, actually, which is ridiculous. I should throw it "
         "away.", "kept the bell: care slips through", coder_b=MISSED),
    unit("som:derogation-father", "Pathetic. Both of them, pathetic.", "contempt"),
    unit("exp:exp-neglecting-father",
         "he gave me a tenner and said “don’t tell her I’ve got money”", "child sent to ask"),
    unit("som:derogation-attachment",
         "Because there was nothing there to be close to. Is that not obvious by now?",
         "closeness dismissed",
         coder_b={"code": "som:anger-mother", "memo": "irritated with interviewer"}),
    unit("som:derogation-attachment",
         "People who ask you how you feel all the time are exhausting.", "feelings dismissed"),
    unit("som:lack-of-recall",
         "I’m sure there were times – every child has a bad day – but I don’t remember anything "
         "that would count. I don’t dwell.", "no upset recalled"),
    unit("exp:exp-neglecting-mother", "My mother was “too sensitive to be around illness”.",
         "not cared for when ill"),
    unit("som:derogation-attachment",
         "People get so precious about it. Parents split up. It happens. It’s not a tragedy.",
         "separation dismissed",
         coder_a=("I still think that.", "It’s not a tragedy.")),
    unit("exp:exp-rejecting-father", "He didn’t ask to take me, he asked to take the dog.",
         "rejection told, then dismissed"),
    unit("som:derogation-attachment",
         "You’d have to care about someone to feel rejected by them.", "rejection denied"),
    unit("exp:exp-rejecting-mother", "“I’ll go, and then you’ll be sorry.”",
         "threat of leaving"),
    unit("som:derogation-attachment",
         "I don’t see why people make such a meal of their childhoods. It’s over. It’s done.",
         "influence denied"),
    only(("coder-a",), "som:derogation-attachment",
         "I’ve never understood why people make such a production of death.", "loss dismissed"),
    unit("som:valuing-attachment", "And that her mother turned up. To things. That I turned up.",
         "a moment of valuing",
         coder_a={"code": "som:contradiction", "memo": "contradicts self-reliance"},
         coder_b=MISSED),
]

P04 = [
    unit("som:anger-mother",
         ("And I'm standing there crying and she goes", "she does it with everything"),
         "past slides into present",
         coder_b=("And I'm standing there crying and she goes",
                  "she did it at Christmas with the photos")),
    unit("som:anger-mother",
         ("I said to her, I said, \"Mum, you can't just keep doing that\"",
          "Doing what. Honestly."), "quarrel re-enacted"),
    unit("exp:exp-rejecting-mother", "Carly could do no wrong. Carly was the good one.",
         "favouritism"),
    unit("som:anger-mother", "I'm not being the victim, I'm telling you what happened!",
         "addresses mother as if present"),
    unit("exp:exp-loving-mother",
         "she sat with me the whole night in the hospital on one of those plastic chairs",
         "care in illness"),
    unit("som:metacognition", "It's like you had to be ill to get the nice Mum.",
         "pattern noticed", coder_b=MISSED),
    unit("som:anger-mother",
         "And she's still like this! She rings me at work to tell me what to get Carly for her "
         "birthday. I'm twenty-nine!", "present-tense grievance",
         coder_a="And she's still like this!"),
    unit("grice:manner-entangled",
         "It's the same thing over and over and I just –. (pause) Sorry. What was the question?",
         "loses the question",
         coder_b={"code": "grice:quantity-too-long", "memo": "overlong, loses thread"}),
    unit("exp:exp-involving-mother",
         "I'd do Carly's hair and make the toast and make sure it was quiet before Mum got up",
         "child manages the household mood"),
    unit("grice:relation-digression",
         "And I'm trying to explain this to my boyfriend, right, why I get so wound up when the "
         "house is messy", "drifts to the present", coder_a=MISSED),
    unit("exp:exp-loving-father",
         "he carried me all the way home on his back and sang that stupid song about the goat",
         "comfort when hurt"),
    unit("som:contradiction",
         "So, soft but also useless. No, not useless. That's not fair. He was soft.",
         "oscillating evaluation"),
    unit("som:anger-father", "Or he'd go out to the shed. He'd just go out to the shed!",
         "angry at father's withdrawal"),
    unit("som:anger-father",
         "The boiler! There's nothing wrong with the boiler! He's been looking at that boiler for "
         "twenty years.", "current quarrel"),
    unit("som:anger-father", "Well it wasn't, was it, because we were there too.",
         "arguing with father", coder_a=MISSED),
    unit("som:contradiction",
         ("Dad. Well – I don't know.", "Everything was about her."),
         "closer parent unresolved",
         coder_a={"code": "grice:manner-entangled", "memo": "entangled answer"}),
    unit("som:anger-mother",
         "She loves telling people that. \"She was a nightmare, this one.\" In front of my "
         "boyfriend! At the christening!", "grievance intrudes"),
    unit("som:anger-mother", "I'm twenty-nine and my mum's talking to me through my sister.",
         "current anger"),
    unit("exp:exp-rejecting-mother", "She'd talk to Carly and Dad across me like I wasn't there",
         "silent treatment"),
    unit("exp:exp-rejecting-mother",
         "She slapped me once, for that, for saying \"go on then\". Across the face.",
         "slap at nine"),
    unit("som:metacognition", "I heard myself and I sounded exactly like her, and I hate that",
         "sees the repetition"),
    unit("som:anger-mother",
         "But she could have stopped, couldn't she? She could have seen it. I've seen it!",
         "blame in the present", coder_b="She could have seen it. I've seen it!"),
    unit("som:anger-mother", "Let it go! At her own sister's funeral!", "loss talk turns angry"),
    unit("som:anger-mother",
         ("Last week, right, I tell her I've been offered a promotion",
          "and I'm like \"no she did not\"."), "quarrel replayed at length",
         coder_a=("Don't get above yourself!", "and I'm like \"no she did not\".")),
    only(("master", "coder-b"), "grice:quantity-too-long",
         ("With Mum – honestly, it's the same as ever.", "it never is."),
         "very long answer"),
]

# ---------------------------------------------------------------------------------------------
# Ratings: the master's values, then the trained coders' differences.
SOM_GLOBAL = ("coherence-transcript", "coherence-mind", "lack-of-recall", "derogation",
              "passivity", "metacognition", "fear-of-loss")
SOM_TARGET = ("idealization", "involving-anger")
EXP = ("loving", "rejecting", "involving", "neglecting", "pressure")


def ratings(som, exp, unr, coder_a, coder_b, notes=None):
    """som: global values in SOM_GLOBAL order + (mother, father) pairs for SOM_TARGET;
    exp: (mother, father) pairs in EXP order; unr: {scale: value}. coder_a/coder_b: {key: value}
    with key 'scale' or 'scale/target'."""
    base = {}
    for scale, v in zip(SOM_GLOBAL, som[:len(SOM_GLOBAL)]):
        base[("som", scale, "")] = v
    for scale, (m, f) in zip(SOM_TARGET, som[len(SOM_GLOBAL):]):
        base[("som", scale, "mother")] = m
        base[("som", scale, "father")] = f
    for scale, (m, f) in zip(EXP, exp):
        base[("exp", scale, "mother")] = m
        base[("exp", scale, "father")] = f
    for scale, v in unr.items():
        base[("unr", scale, "")] = v
    out = {}
    for coder, diff in (("coder-a", coder_a), ("coder-b", coder_b), ("master", {})):
        rows = {}
        for key, v in base.items():
            name = key[1] + (f"/{key[2]}" if key[2] else "")
            rows[key] = diff.get(name, v)
        unknown = set(diff) - {k[1] + (f"/{k[2]}" if k[2] else "") for k in base}
        if unknown:
            raise ValueError(f"unknown scales in differences: {unknown}")
        out[coder] = rows
    return out, (notes or {})


NS = "not-scorable"
RATINGS = {
    "P01-secure": ratings(
        (7, 7, 1.5, 1, 1.5, 6, NS, (1.5, 1.5), (1.5, 1)),
        ((7, 6), (2, 1.5), (1.5, 1), (2, 2.5), (1.5, 1)),
        {"unresolved-loss": 1.5},
        {"coherence-transcript": 6.5, "metacognition": 5, "loving/father": 5.5,
         "neglecting/father": 3},
        {"coherence-transcript": 7.5, "coherence-mind": 6.5, "metacognition": 6.5,
         "loving/mother": 6, "rejecting/mother": 3, "unresolved-loss": 2},
        {("master", "coherence-mind"): "adjectives supported, balanced, collaborative",
         ("coder-a", "unresolved-loss"): "grandmother's death discussed without lapses"}),
    "P02-dismissing-idealizing": ratings(
        (3, 3, 7, 2.5, 1.5, 1.5, 1, (7.5, 6.5), (1, 1)),
        ((2.5, 3), (5.5, 4), (1, 1), (4.5, 5), (5, 4.5)),
        {"unresolved-loss": 2},
        {"lack-of-recall": 6.5, "idealization/mother": 7, "coherence-transcript": 3.5,
         "loving/mother": 3, "neglecting/father": 4},
        {"lack-of-recall": 8, "idealization/father": 5.5, "coherence-mind": 2.5,
         "rejecting/mother": 4.5, "pressure/mother": 6, "unresolved-loss": 1.5},
        {("master", "idealization/mother"): "excellent and loving never supported",
         ("coder-b", "lack-of-recall"): "blank before school, blur at boarding school"}),
    "P03-dismissing-derogating": ratings(
        (3, 3, 3.5, 8, 1.5, 2, 1.5, (1, 1), (2.5, 2)),
        ((2.5, 2), (5, 5.5), (6.5, 1.5), (6, 7), (1, 1)),
        {"unresolved-loss": 1.5},
        {"derogation": 7.5, "coherence-transcript": 3.5, "involving-anger/mother": 3,
         "involving/mother": 6},
        {"derogation": 6.5, "involving-anger/mother": 5, "involving-anger/father": 3.5,
         "coherence-mind": 2.5, "neglecting/father": 6},
        {("master", "derogation"): "cool contempt, not entangled",
         ("coder-b", "involving-anger/mother"): "some heat in the mother section"}),
    "P04-preoccupied-angry": ratings(
        (2.5, 3, 1, 1.5, 3, 3, NS, (1, 1.5), (8, 5.5)),
        ((4, 5.5), (6.5, 2), (6, 1.5), (3, 5), (1.5, 1)),
        {"unresolved-loss": 2.5, "unresolved-trauma": 2},
        {"involving-anger/mother": 7.5, "involving-anger/father": 4.5,
         "coherence-transcript": 3, "passivity": 4, "loving/father": 5},
        {"involving-anger/mother": 8.5, "coherence-mind": 2.5, "rejecting/mother": 7.5,
         "involving/mother": 5, "unresolved-trauma": 1.5},
        {("master", "involving-anger/mother"): "long present-tense quarrels, speaks to mother",
         ("coder-a", "passivity"): "some run-on passages"}),
}

CLASSIFICATION = {
    "P01-secure": {
        "coder-a": ("F3", "", "", "coherent, balanced, adjectives supported"),
        "coder-b": ("F2", "", "", "some distance from father's side, mild dismissing note"),
        "master": ("F3", "", "", "prototypical secure-autonomous"),
    },
    "P02-dismissing-idealizing": {
        "coder-a": ("Ds1", "", "", "idealization with lack of recall"),
        "coder-b": ("Ds1", "", "", ""),
        "master": ("Ds1", "", "", "idealizing both parents, memories contradict"),
    },
    # The one disagreement on the 3-way (F/Ds/E) classification in the whole corpus.
    "P03-dismissing-derogating": {
        "coder-a": ("Ds2", "", "", "derogating, cool"),
        "coder-b": ("E2", "", "", "read the contempt for mother as involving anger"),
        "master": ("Ds2", "", "", "derogation of both parents and of attachment"),
    },
    "P04-preoccupied-angry": {
        "coder-a": ("E2", "", "", "involving anger toward mother"),
        "coder-b": ("E2", "", "", ""),
        "master": ("E2", "", "", "angry, entangled, present-tense quarrels"),
    },
}

TRANSCRIPTS = {
    "P01-secure": ("P01-secure.txt", P01),
    "P02-dismissing-idealizing": ("P02-dismissing-idealizing.txt", P02),
    "P03-dismissing-derogating": ("P03-dismissing-derogating.txt", P03),
    "P04-preoccupied-angry": ("P04-preoccupied-angry.txt", P04),
}


def check_field(value: str, where: str, last: bool) -> str:
    if '"' in value or "\n" in value or (not last and "," in value):
        raise ValueError(f"{where}: field may not hold this character: {value!r}")
    return value


def passages(stem: str, file: str, units) -> list[str]:
    text = stored_text(ROOT / "transcripts" / file)
    rows = []
    for i, (code, quote, memo, variants) in enumerate(units):
        for coder in CODERS:
            v = variants.get(coder, {})
            if v is MISSED:
                continue
            if isinstance(v, (str, tuple)):
                v = {"quote": v}
            c = v.get("code", code)
            scheme, code_id = c.split(":")
            start, end = locate(text, v.get("quote", quote), f"{stem} unit {i} {coder}")
            m = check_field(v.get("memo", memo), stem, True)
            rows.append((coder, start, SCHEME[scheme], code_id, end, m))
    rows.sort()
    return [f"{c},{s},{k},{a},{e},{m}" for c, a, s, k, e, m in rows]


def main() -> int:
    for stem, (file, units) in TRANSCRIPTS.items():
        out = ROOT / "coding" / stem
        out.mkdir(parents=True, exist_ok=True)
        lines = ["coder,scheme,code,start,end,memo"] + passages(stem, file, units)
        (out / "passages.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")

        values, notes = RATINGS[stem]
        lines = ["coder,scheme,scale,target,value,note"]
        for coder in CODERS:
            for (scheme, scale, target), v in values[coder].items():
                name = scale + (f"/{target}" if target else "")
                note = check_field(notes.get((coder, name), ""), stem, True)
                value = v if isinstance(v, str) else (f"{v:g}")
                lines.append(f"{coder},{SCHEME[scheme]},{scale},{target},{value},{note}")
        (out / "ratings.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")

        lines = ["coder,scheme,category,unresolved,alternative,note"]
        for coder in CODERS:
            cat, unres, alt, note = CLASSIFICATION[stem][coder]
            lines.append(f"{coder},aai-state-of-mind,{cat},{unres},{alt},"
                         f"{check_field(note, stem, True)}")
        (out / "classification.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")

        counts = {c: sum(1 for ln in (out / 'passages.csv').read_text().splitlines()[1:]
                         if ln.startswith(c + ",")) for c in CODERS}
        print(f"{stem}: passages {counts}, ratings {len(values['master'])} per coder")
    return 0


if __name__ == "__main__":
    sys.exit(main())
