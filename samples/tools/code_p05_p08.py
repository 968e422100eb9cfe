#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Dev-time tool (samples-2): writes samples/coding/<stem>/{passages,ratings,classification}.csv
for P05-P08 from quoted anchors, so that the offsets are computed, not typed.

Each passage is given by a start quote and an end quote taken from the transcript text as
`attune-cli text PROJECT P0n` prints it; start = code-point index of the start quote (which must
occur exactly once), end = one past the end quote's first occurrence at or after start. The CSV
files are the data; this script only documents how they were made and re-makes them.

usage: code_p05_p08.py ATTUNE_CLI PROJECT   (PROJECT has P05-P08 imported)
"""
import csv
import io
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
CODING = os.path.join(HERE, "..", "coding")
SCHEMES = {"G": "aai-coherence-grice", "X": "aai-experience", "S": "aai-state-of-mind",
           "U": "aai-unresolved"}
CODERS = ["coder-a", "coder-b", "master"]

# Passage list per transcript: key -> (scheme, code, start quote, end quote, memo).
# Per-coder deviations: None = missed; dict with any of scheme/code/start/end/memo = changed.
# "extra" adds passages only that coder found.
P = {}

P["P05-preoccupied-passive"] = dict(
    passages={
        "nan": ("S", "passive-speech", "Well there was my nan, like I said",
                "that's it for thirty years.", "trails into family lore; or maybe both"),
        "ladder": ("G", "relation-digression", "And it's the same now really, she can't sit still",
                   "Sorry, what was the question?",
                       "drifts into present-day visit and loses the question"),
        "blur": ("S", "passive-speech", "I mean you could say that's caring as well",
                 "it all sort of goes together.", "adjectives merge into one another"),
        "confidant": ("X", "exp-involving-mother",
            "She'd talk to me, about things, about my father",
                      "being the one she talked to.",
                          "child as mother's confidant about father and money"),
        "tea": ("X", "exp-involving-mother", "There was one night, I must have been nine or ten",
                "I think I made her another tea.", "comforts mother at nine; role reversal"),
        "clock": ("G", "relation-digression", "There was a clock, a big clock on the wall",
                  "It's funny what you remember.", "detail with no bearing on the question"),
        "funny": ("G", "quality-unsupported-positive",
            "So maybe funny isn't, maybe it's not the right word",
                  "You see what I mean.", "funny withdrawn for himself but kept"),
        "quiet": ("X", "exp-neglecting-father", "He just didn't say much.",
                  "\"your father's tired,\" and so on.", "father unavailable; ask your mother"),
        "plate": ("X", "exp-rejecting-father", "Strict, well, he had his rules",
                  "you had to sort of go between.",
                      "plate taken away in silence; child between parents"),
        "bike": ("X", "exp-involving-mother",
            "and my mother was, she was very upset, more than me probably",
                 "it was like it had happened to her.", "mother's distress takes over the child's"),
        "wrist": ("X", "exp-loving-mother", "And then my mother came, running in",
                  "I was more embarrassed than anything, I think.",
                      "comes running; her distress in front of nurses"),
        "ill": ("X", "exp-loving-mother", "I'd be off school, and be on the settee",
                "That's nice, that's a nice memory.", "specific caring when ill"),
        "separation": ("S", "passive-speech", "Separated. Um. I think the school trip",
                       "Sorry, I'm not being very helpful.",
                           "cannot hold the separation question; vague"),
        "lump": ("G", "manner-entangled",
            "It's like when people say things about their, about their children",
                 "you don't, you don't think.", "sentence collapses into fragments"),
        "affected": ("S", "passive-speech", "But I don't know if that's, I mean, is that affected",
                     "what comes from what, isn't it.", "vague non-conclusion"),
        "cerys": ("G", "relation-digression", "It's like with Cerys, you do your best",
                  "that's going off a bit.", "wanders to his daughter; notices"),
        "nanloss": ("X", "exp-involving-mother", "And my mother was, she took it very hard",
                    "Ruth had left by then mostly.",
                        "teenager runs the household while mother is in bed"),
        "easter": ("G", "relation-topic-shift", "and Gwen and her had words at Easter",
                   "the shed, I suppose.", "row told without knowing what it was about"),
        "wish": ("S", "passive-speech",
            "Like her nan. Like my mother I mean, not my nan, well both.",
                 "Like her nan. Like my mother I mean, not my nan, well both.",
                     "confuses referents"),
    },
    deviations={
        "coder-a": {"blur": {"start": "So worried. I mean you could say"}, "wish": None,
                    "lump": {"code": "manner-vague", "memo": "vague, trailing off"}},
        "coder-b": {"ladder": {"end": "that's her all over"}, "funny": None,
                    "affected": {"scheme": "G", "code": "manner-vague"},
                    "wrist": {"start": "I broke my wrist once"}},
    },
    extra={
        "coder-b": [("S", "metacognition", "So maybe that's from the kitchen.",
                     "The one she talked to.", "tentative link to childhood; weak")],
    },
)

P["P06-unresolved-loss"] = dict(
    passages={
        "nativity": ("X", "exp-loving-mother", "When I was about seven I had a part",
                     "she was always where she said she'd be.", "dependable supported"),
        "parcel": ("X", "exp-loving-mother", "She was a hugger.", "didn't tease me.",
                   "affectionate supported"),
        "fixed": ("S", "evaluation-supported", "She fixed things.", "but it worked.",
                  "balanced: practical, would have liked more talk"),
        "tea-towel": ("X", "exp-loving-father", "Dad carried me all the way to the car",
                      "a map of Wales on it.", "father comforts when hurt"),
        "young": ("S", "metacognition", "They were young when they had me, twenty-two",
                  "getting it right.", "reasons for mother's strictness"),
        "he-does": ("U", "lapse-dead-alive", "He does that. He's always been...",
                    "he was like that.", "present tense about Danny, then corrects"),
        "sign": ("U", "lapse-invasion", "Sorry. (pause) I keep thinking of the sign.",
                 "He was seven.", "loss enters the separation answer"),
        "trunk": ("U", "lapse-excessive-detail", "Mum keeps his things in the loft",
                  "push it in and up at the same time.", "catch of the trunk, colour of name tape"),
        "water": ("U", "lapse-excessive-detail", "The water is very cold there even in summer",
                  "came running up the road.", "depth, van times, 99s: detail out of place"),
        "silence": ("U", "lapse-silence", "R: (long pause) Sorry. Yes.",
            "R: (long pause) Sorry. Yes.",
                    "long silence in loss"),
        "counsellor": ("U", "extreme-reaction", "I stopped talking for a while.",
                       "a wash at the sink.", "mute for weeks, avoids water"),
        "blame": ("U", "lapse-unwarranted-blame", "I thought if I said what I'd said to him",
                  "That's just true.", "holds herself responsible for the drowning"),
        "drowning": ("S", "metacognition", "Sorry, that's a, I didn't mean that word.",
                     "They were struggling.", "catches the word; monitoring here"),
        "card": ("U", "lapse-dead-alive", "He'd be, he's thirty-five in March.",
                 "I have to sit down for a minute.", "birthday cards; back door is Danny"),
        "lido": ("U", "lapse-unwarranted-blame",
            "But if anything happened to him it would be because I let him go",
                 "I just couldn't.", "causal link between sending Danny away and his death, now"),
        "eulogy": ("U", "lapse-eulogistic", "Danny was the brightest, kindest",
                   "his light will never go out.", "sudden funeral speech"),
        "stairs": ("S", "metacognition",
            "She said she'd been frightened that if she started crying",
                   "having my own children.", "understands mother's silence"),
        "safe": ("S", "fear-of-loss", "And that they're safe.",
                 "It's the only one I really have.", "wish reduced to survival"),
    },
    deviations={
        "coder-a": {"drowning": {"scheme": "U", "code": "lapse-invasion",
                                 "memo": "drowning imagery for the parents"},
                    "trunk": {"start": "It's in the loft still, I think."},
                    "young": None},
        "coder-b": {"he-does": None, "sign": None,
                    "eulogy": {"memo": "brief; she returns to the question: grief, not lapse"},
                    "water": {"end": "it's forty metres deep at the dam end"}},
    },
    extra={
        "coder-a": [("X", "exp-loving-father", "He couldn't tell us off.",
                     "grown-ups cried.", "soft supported")],
    },
)

P["P07-earned-secure"] = dict(
    passages={
        "tent": ("X", "exp-loving-mother", "We were in the flat on Quai Bernard",
                 "imaginative, warm.", "duvet tent; loving supported"),
        "sofa": ("X", "exp-neglecting-mother",
            "She'd lie on the sofa with the curtains shut for days.",
                 "I signed it myself.", "depressed mother unavailable"),
        "dangerous": ("S", "metacognition", "As a child I took that in as",
                      "She couldn't.", "child's inference vs adult view"),
        "sportsday": ("X", "exp-neglecting-mother", "She promised to come to my sports day",
                      "how quickly I stopped asking.", "unreliable supported"),
        "drawings": ("S", "evaluation-supported", "So, unreliable, and yet she kept the drawings.",
                     "Both things are true.", "holds contradiction openly"),
        "radio": ("X", "exp-rejecting-father", "When he came home drunk he'd shout",
                  "Zoë asleep, somehow.", "frightening supported"),
        "chips": ("X", "exp-loving-father", "When he'd had a good week",
                  "because it never lasted.", "charming, with the caveat"),
        "hit": ("X", "exp-rejecting-father", "He hit my mother, regularly",
                "That was the night Mémé came and took us.", "violence to mother and child"),
        "footsteps": ("S", "metacognition", "A child shouldn't be that good at footsteps.",
                      "A child shouldn't be that good at footsteps.", "reflective aside"),
        "sad": ("S", "metacognition", "That doesn't excuse any of it",
                "true alongside the others.", "understanding without excusing"),
        "useful": ("X", "exp-involving-mother", "I became very useful.",
                   "see that pattern in myself.", "parentified; sees the pattern"),
        "reject": ("S", "metacognition", "Now I understand she couldn't look at anything.",
                   "because I understand it as an adult.", "keeps child's and adult's view apart"),
        "therapy": ("S", "valuing-attachment", "I did about three years of therapy",
                    "between then and now.", "change; does not want to pass it on"),
        "forgive": ("S", "metacognition", "I've been angry with both of them.",
                    "\"understood\" is closer.", "weighs words"),
        "grief": ("S", "valuing-attachment", "I think I was grieving the father I didn't have",
                  "the one I did.", "mourning resolved"),
        "nightmares": ("S", "metacognition", "I can talk about it, as you can hear",
                       "talked it through with Olivier.", "trauma resolved; monitors it"),
        "hold": ("S", "evaluation-supported", "I can think of the coin trick",
                 "hold both.", "integrated view of father"),
        "tent2": ("X", "exp-loving-mother", "She adored my daughter",
                  "That moved me more than I can say.", "later loving"),
    },
    deviations={
        "coder-a": {"grief": None, "hit": {"end": "I cut my head."}},
        "coder-b": {"sofa": {"code": "exp-rejecting-mother", "memo": "mother turns away"},
                    "footsteps": {"start": "I used to listen to his footsteps"},
                    "tent2": None},
    },
    extra={
        "coder-b": [("S", "valuing-attachment", "That she knows she can say",
                     "someone will put the kettle on.", "wish draws on Mémé")],
    },
)

P["P08-cannot-classify"] = dict(
    passages={
        "adj": ("S", "idealization-mother", "Excellent. Loving. Very loving.",
                "A normal, happy relationship.", "superlatives for mother"),
        "nomem1": ("S", "lack-of-recall", "Not specifically, no. It was just generally excellent.",
                   "It's all a long time ago.", "no episode for excellent"),
        "nomem2": ("S", "lack-of-recall", "I honestly can't think of one.",
                   "it just goes by.", "no episode for loving"),
        "support": ("G", "quality-unsupported-positive", "She supported me in everything.",
                    "I'm grateful for it.", "supportive illustrated by pressure"),
        "homework": ("X", "exp-pressure-mother",
            "She'd check it at the kitchen table every evening",
                     "so that it was right.", "whole page redone"),
        "coat": ("X", "exp-rejecting-mother", "She made me walk back to the depot",
                 "look after my things.", "locked out in the rain at eight"),
        "notbad": ("S", "contradiction", "So. That's an example, I suppose",
                   "I don't know why you'd think it was.", "harsh memory offered as support"),
        "screwdriver": ("X", "exp-rejecting-father",
            "if you put a screwdriver back on the wrong outline",
                        "he says \"too late now.\"", "humiliation in garage"),
        "sunday": ("S", "anger-father", "And it's the same now, exactly the same, last Sunday",
                   "Fifty years I've been waiting for the right day.",
                       "slides into present quarrel"),
        "socks": ("S", "anger-father", "I had blood in my socks, Dad.",
                  "I had blood in my socks. (pause) Sorry.", "addresses father as if present"),
        "ninetyfour": ("X", "exp-pressure-father", "I got ninety-four in a maths test",
                       "he said \"where's the other six.\"", "nothing good enough"),
        "arjun": ("S", "anger-father", "and he still says it, he says it to my son",
                  "that's the problem, isn't it.", "long entangled present-tense grievance"),
        "upset": ("S", "lack-of-recall", "I don't remember being upset particularly.",
                  "I'm not a person who makes a fuss.", "closes the topic"),
        "measles": ("X", "exp-neglecting-mother", "I remember calling and nobody coming.",
                    "I remember calling and nobody coming.", "alone when ill"),
        "shecame": ("S", "idealization-mother", "I'm sure she came. She'd have come.",
                    "It's too long ago to say.", "overrides own memory"),
        "silent": ("X", "exp-rejecting-mother", "She wouldn't speak to me for a day or two",
                   "That's not rejection.", "withdrawal, then denied"),
        "modern": ("S", "derogation-attachment",
            "I don't think childhood is the be-all and end-all",
                   "blaming your parents for everything.", "dismisses influence"),
        "durham": ("S", "anger-father", "And when I bring it up, and I did bring it up",
                   "as if it's me.", "quarrel replayed"),
        "heldback": ("S", "contradiction", "But it didn't hold me back.",
                     "It worked out.", "after describing being held back"),
        "because": ("S", "derogation-father", "Father, because he could.",
                    "He chose.", "contemptuous dismissal of father's reasons"),
        "christmas": ("S", "anger-father", "Christmas was a disaster.",
                      "We left before pudding.", "present-tense row"),
        "lifegoes": ("S", "derogation-attachment", "It didn't, really. I was fond of him.",
                     "But life goes on.", "minimises loss of Clive"),
    },
    deviations={
        "coder-a": {"because": {"code": "anger-father", "memo": "angry about father's reasons"},
                    "christmas": {"start": "He starts on Priya's cooking"},
                    "lifegoes": None},
        "coder-b": {"measles": None, "adj": {"end": "Perfect, really, as mothers go."},
                    "support": {"scheme": "S", "code": "idealization-mother",
                                "memo": "idealizing; supportive not shown"}},
    },
    extra={},
)

# Ratings: (scheme, scale, target) -> (coder-a, coder-b, master); values as written in the CSV.
SCALES = [("S", "coherence-transcript", ""), ("S", "coherence-mind", ""),
          ("S", "idealization", "mother"), ("S", "idealization", "father"),
          ("S", "lack-of-recall", ""), ("S", "involving-anger", "mother"),
          ("S", "involving-anger", "father"), ("S", "derogation", ""), ("S", "passivity", ""),
          ("S", "metacognition", ""), ("S", "fear-of-loss", ""),
          ("X", "loving", "mother"), ("X", "loving", "father"),
          ("X", "rejecting", "mother"), ("X", "rejecting", "father"),
          ("X", "involving", "mother"), ("X", "involving", "father"),
          ("X", "neglecting", "mother"), ("X", "neglecting", "father"),
          ("X", "pressure", "mother"), ("X", "pressure", "father"),
          ("U", "unresolved-loss", ""), ("U", "unresolved-trauma", "")]

R = {
    "P05-preoccupied-passive": [
        ("3", "3.5", "3"), ("3", "3", "3"), ("2", "2", "2"), ("1.5", "2", "1.5"), ("1.5", "1",
            "1.5"),
        ("2", "2", "2.5"), ("1.5", "1.5", "1.5"), ("1", "1", "1"), ("7", "6", "7"), ("2", "2.5",
            "2"),
        ("1", "1", "1"),
        ("5", "5", "5"), ("3", "3.5", "3"), ("2.5", "2", "2.5"), ("4", "4", "4.5"), ("6", "6.5",
            "6.5"),
        ("1", "1", "1"), ("2", "2.5", "2"), ("5", "5", "5"), ("2", "2", "2"), ("1.5", "1", "1.5"),
        ("2", "2", "2"), ("not-scorable", "not-scorable", "not-scorable")],
    "P06-unresolved-loss": [
        ("6", "6.5", "6"), ("6.5", "7", "6.5"), ("1", "1", "1"), ("1.5", "1", "1"), ("1", "1", "1"),
        ("1.5", "1", "1.5"), ("1", "1", "1"), ("1", "1", "1"), ("1.5", "1.5", "1.5"), ("5", "5",
            "5.5"),
        ("4", "3", "4"),
        ("7", "7", "7.5"), ("7", "7.5", "7"), ("1.5", "1.5", "1.5"), ("2", "2", "2"), ("2", "1.5",
            "2"),
        ("1", "1", "1"), ("1.5", "1.5", "1.5"), ("2.5", "2", "2.5"), ("2.5", "3", "2.5"), ("1",
            "1", "1"),
        ("6.5", "4.5", "7"), ("not-scorable", "not-scorable", "not-scorable")],
    "P07-earned-secure": [
        ("7", "7", "7.5"), ("7.5", "7", "7.5"), ("1", "1", "1"), ("1", "1", "1"), ("1", "1", "1"),
        ("1.5", "2", "1.5"), ("1.5", "2.5", "2"), ("1", "1", "1"), ("1", "1.5", "1"), ("7", "6.5",
            "7"),
        ("1.5", "1.5", "1.5"),
        ("4", "4", "4.5"), ("2.5", "2.5", "3"), ("4", "5", "4"), ("7", "7", "7"), ("6", "6", "6.5"),
        ("2", "2", "2"), ("6.5", "6", "6.5"), ("6", "6", "6"), ("1", "1", "1"), ("1", "1", "1"),
        ("1.5", "2", "1.5"), ("2", "2.5", "2")],
    "P08-cannot-classify": [
        ("2", "2.5", "2"), ("2", "2", "2"), ("6.5", "7", "6.5"), ("1", "1", "1"), ("5.5", "5", "6"),
        ("1.5", "1", "1.5"), ("7", "7", "7.5"), ("4", "3", "4"), ("2", "2", "2"), ("1.5", "1.5",
            "1.5"),
        ("1", "1", "1"),
        ("3", "3", "2.5"), ("1.5", "1.5", "1.5"), ("5", "4", "5"), ("7", "7", "7"), ("2", "2", "2"),
        ("1", "1", "1"), ("4", "3.5", "4"), ("5", "5", "5.5"), ("5", "5", "5"), ("7", "7.5", "7"),
        ("1.5", "1.5", "1.5"), ("not-scorable", "not-scorable", "not-scorable")],
}

RATING_NOTES = {
    ("P05-preoccupied-passive", "master", "passivity"): "pervasive vague, trailing speech",
    ("P05-preoccupied-passive", "coder-b", "passivity"): "marked but he recovers the thread often",
    ("P06-unresolved-loss", "master",
        "unresolved-loss"): "dead-alive, blame, eulogy, detail, silence",
    ("P06-unresolved-loss", "coder-a", "unresolved-loss"): "several lapses about Danny",
    ("P06-unresolved-loss", "coder-b",
        "unresolved-loss"): "grief intense but mostly monitored; below threshold",
    ("P07-earned-secure", "master", "coherence-mind"): "hard history, coherent and reflective",
    ("P08-cannot-classify", "master", "idealization"): "mother idealized, memories contradict",
    ("P08-cannot-classify", "master", "involving-anger"): "father, long present-tense quarrels",
}

C = {
    "P05-preoccupied-passive": {
        "coder-a": ("E1", "", "", "passive, vague, wandering"),
        "coder-b": ("E1", "", "", "mentally entangled with mother; passive"),
        "master": ("E1", "", "", "passive preoccupation; role reversal with mother"),
    },
    "P06-unresolved-loss": {
        "coder-a": ("F3", "U", "", "U for brother's death; otherwise secure"),
        "coder-b": ("F3", "", "", "secure; lapses about Danny judged below U threshold"),
        "master": ("F3", "U", "", "U/F3: lapses in reasoning and discourse about Danny"),
    },
    "P07-earned-secure": {
        "coder-a": ("F3", "", "", "earned secure"),
        "coder-b": ("F4", "", "", "earned secure, some residual vigilance"),
        "master": ("F3", "", "", "earned secure: coherent account of a hard history"),
    },
    "P08-cannot-classify": {
        "coder-a": ("CC", "", "Ds", "idealizing mother and angry preoccupation with father"),
        "coder-b": ("CC", "", "Ds1",
                    "contradictory strategies across parents; forced alternative Ds1"),
        "master": ("CC", "", "Ds1", "CC: Ds1 for mother, E2 for father; forced alternative Ds1"),
    },
}


def offsets(text, start_q, end_q, where):
    n = text.count(start_q)
    if n != 1:
        raise SystemExit("%s: start quote occurs %d times: %r" % (where, n, start_q))
    s = text.index(start_q)
    e = text.find(end_q, s)
    if e < 0:
        raise SystemExit("%s: end quote not found after start: %r" % (where, end_q))
    return s, e + len(end_q)


def passages_for(coder, spec):
    out = []
    dev = spec["deviations"].get(coder, {})
    for key, (sch, code, sq, eq, memo) in spec["passages"].items():
        if key in dev:
            d = dev[key]
            if d is None:
                continue
            sch, code = d.get("scheme", sch), d.get("code", code)
            sq, eq, memo = d.get("start", sq), d.get("end", eq), d.get("memo", memo)
        out.append((key, sch, code, sq, eq, memo))
    for i, (sch, code, sq, eq, memo) in enumerate(spec["extra"].get(coder, [])):
        out.append(("extra%d" % i, sch, code, sq, eq, memo))
    return out


def write(path, header, rows):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n", quoting=csv.QUOTE_NONE, escapechar=None)
    buf.write(",".join(header) + "\n")
    for r in rows:
        for f in r[:-1]:
            assert "," not in f and '"' not in f and "\n" not in f, r
        assert '"' not in r[-1] and "\n" not in r[-1], r
        buf.write(",".join(r) + "\n")
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(buf.getvalue())


def main(argv):
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    cli, project = argv[1], argv[2]
    for stem, spec in P.items():
        pid = stem[:3]
        text = subprocess.run([cli, "text", project, pid], check=True, capture_output=True,
                              encoding="utf-8").stdout
        rows = []
        for coder in CODERS:
            for key, sch, code, sq, eq, memo in passages_for(coder, spec):
                s, e = offsets(text, sq, eq, "%s/%s/%s" % (stem, coder, key))
                rows.append((coder, SCHEMES[sch], code, str(s), str(e), memo))
        d = os.path.join(CODING, stem)
        os.makedirs(d, exist_ok=True)
        write(os.path.join(d, "passages.csv"), ["coder", "scheme", "code", "start", "end", "memo"],
              rows)
        rrows = []
        for ci, coder in enumerate(CODERS):
            for (sch, scale, target), vals in zip(SCALES, R[stem]):
                note = RATING_NOTES.get((stem, coder, scale), "")
                # the two per-parent notes belong to one parent only (mother idealized, father
                # the object of anger)
                if note and target and target != {"idealization": "mother",
                                                  "involving-anger": "father"}.get(scale, target):
                    note = ""
                rrows.append((coder, SCHEMES[sch], scale, target, vals[ci], note))
        write(os.path.join(d, "ratings.csv"),
              ["coder", "scheme", "scale", "target", "value", "note"], rrows)
        crows = [(coder, SCHEMES["S"]) + C[stem][coder] for coder in CODERS]
        write(os.path.join(d, "classification.csv"),
              ["coder", "scheme", "category", "unresolved", "alternative", "note"], crows)
        print("%s: %s" % (stem, ", ".join("%s %d" % (c, sum(1 for r in rows if r[0] == c))
                                          for c in CODERS)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
