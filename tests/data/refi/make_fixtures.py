#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes the REFI-QDA fixtures of tests/data/refi/ (run from that folder). Each reproduces, in
a few lines of Attune's own invented text, one quirk that real exports show (see
docs/refi-qda.md "Fixtures"): no third-party file is copied. The tests zip the folders
themselves (tests/core/io/test_io_refi.cpp)."""
import os, shutil

def u16(s):
    return len(s.encode('utf-16-le')) // 2

def write(path, data, binary=False):
    os.makedirs(os.path.dirname(path) or '.', exist_ok=True)
    with open(path, 'wb') as f:
        f.write(data if binary else data.encode('utf-8'))

# The one text, with emoji (astral: two UTF-16 units) before the coded words.
LINES = ["Anya 😀 mindig ott volt.", "Apa 👍 ritkán jött haza.", "Vége."]
WORDS = [("mindig", "c1"), ("ritkán", "c2"), ("haza", "c2")]

def positions(text, word, unit, crlf_two):
    i = text.index(word)
    before = text[:i]
    if not crlf_two:
        before = before.replace('\r\n', '\n')
    n = (lambda s: u16(s)) if unit == 'utf16' else len
    return n(before), n(before) + n(word)

def nvivo(folder, crlf, bom, sources_dir, colour, root_file):
    shutil.rmtree(folder, ignore_errors=True)
    eol = '\r\n' if crlf else '\n'
    text = eol.join(LINES) + eol
    sel = []
    for k, (w, code) in enumerate(WORDS):
        s, e = positions(text, w, 'utf16', True)
        sel.append(f'<PlainTextSelection guid="5e1ec7{k:02d}-0000-4000-8000-000000000000" name="" '
                   f'startPosition="{s}" endPosition="{e}" creatingUser="a1b2c3d4-0000-4000-8000-00000000000a">'
                   f'<Description /><Coding guid="c0d1a9{k:02d}-0000-4000-8000-000000000000" '
                   f'creatingUser="a1b2c3d4-0000-4000-8000-00000000000a"><CodeRef targetGUID="'
                   f'{"c0de0001" if code == "c1" else "c0de0002"}-0000-4000-8000-000000000000" /></Coding></PlainTextSelection>')
    col = f' color="{colour}"' if colour else ''
    qde = ('<?xml version="1.0" encoding="utf-8"?>' + eol +
           '<Project xmlns:xsd="http://www.w3.org/2001/XMLSchema" name="oltas" origin="NVivo (Attune fixture)" xmlns="urn:QDA-XML:project:1.0">' + eol +
           '<Users><User guid="a1b2c3d4-0000-4000-8000-00000000000a" name="floriansipos" id="FS" /></Users>' + eol +
           '<CodeBook><Codes><Code guid="c0de0000-0000-4000-8000-000000000000" name="Attituderoots" isCodable="false">'
           '<Description>Parent\n\twith a tab</Description>'
           f'<Code guid="c0de0001-0000-4000-8000-000000000000" name="always"{col} isCodable="true" />'
           '<Code guid="c0de0002-0000-4000-8000-000000000000" name="seldom" isCodable="true" /></Code></Codes></CodeBook>' + eol +
           '<Sources><TextSource guid="50c00001-0000-4000-8000-000000000000" name="videos_10_selected" '
           'richTextPath="internal://50c00001-0000-4000-8000-000000000000.docx" '
           'plainTextPath="internal://50c00001-0000-4000-8000-000000000000.txt">' + ''.join(sel) +
           '</TextSource></Sources></Project>')
    write(f'{folder}/{root_file}', qde)
    write(f'{folder}/{sources_dir}/50c00001-0000-4000-8000-000000000000.txt',
          ('\ufeff' if bom else '') + text)
    if sources_dir == 'sources':
        write(f'{folder}/sources/.root', '')

# NVivo for Windows: UTF-16 units, CR LF as two, BOM, "Sources/" capitalised, CRLF XML, no colour.
nvivo('nvivo-win', True, True, 'Sources', None, 'project.qde')
# NVivo for Mac: the same project, LF, no BOM, lowercase sources/ with a .root file, one colour.
nvivo('nvivo-mac', False, False, 'sources', '#00ff7f', 'project.qde')

# ATLAS.ti 8: Project.qde (capital P), flat codes with "::" hierarchy, a code without colour, a
# name with &quot;, selections named by their text, CR LF in the text counted as one, an
# uncoded quotation with a comment, a missing text file, non-text sources, a Set and a Link.
shutil.rmtree('atlas8', ignore_errors=True)
atext = 'Q: Tell me.\r\nA: Oh, that was great. See you tomorrow?\r\nQ: And "rushed"?\r\nA: Always so soggy.\r\n'
def asel(guid, word, codes, desc=None):
    s, e = positions(atext, word, 'cp', False)
    c = ''.join(f'<Coding guid="{guid[:-2]}{i:02d}" creatingUser="C32A2BD5-537F-4838-8B17-DF9EFBAFDF4B"><CodeRef targetGUID="{code}"/></Coding>'
                for i, code in enumerate(codes))
    d = f'<Description>{desc}</Description>' if desc else ''
    name = word.replace('"', '&quot;')
    return (f'        <PlainTextSelection guid="{guid}" name="{name}" startPosition="{s}" endPosition="{e}" '
            f'creatingUser="C32A2BD5-537F-4838-8B17-DF9EFBAFDF4B">{d}{c}</PlainTextSelection>\n')
COKE = 'AAAAAAAA-0000-4000-8000-000000000001'
DIET = 'AAAAAAAA-0000-4000-8000-000000000002'
RUSH = 'AAAAAAAA-0000-4000-8000-000000000003'
MILK = 'AAAAAAAA-0000-4000-8000-000000000004'
qde8 = f'''<?xml version="1.0" encoding="utf-8" standalone="yes"?>
<Project xmlns="urn:QDA-XML:project:1.0" origin="ATLAS.ti 8.4.0 (Attune fixture)" name="standard" basePath="/Users/someone/Media">
    <Users>
        <User guid="C32A2BD5-537F-4838-8B17-DF9EFBAFDF4B" name="ATLAS.ti"/>
        <User guid="{{B0000000-0000-4000-8000-0000000000B1}}" name="sebpe"/>
    </Users>
    <CodeBook>
        <Codes>
            <Code guid="{COKE}" name="Coke" isCodable="true" color="#F00082"/>
            <Code guid="{DIET}" name="Coke::diet Coke" isCodable="true" color="#f00082"/>
            <Code guid="{RUSH}" name="&quot;rushed&quot;" isCodable="true" color="#123456"/>
            <Code guid="{MILK}" name="milk" isCodable="true"/>
        </Codes>
    </CodeBook>
    <Sources>
        <TextSource guid="ABCD0000-0000-4000-8000-000000000001" name="Interview 1.txt" plainTextPath="internal://ABCD0000-0000-4000-8000-000000000001.txt">
{asel('5E100000-0000-4000-8000-000000000100', 'Oh, that was great. See you tomorrow?', [COKE, DIET])}{asel('5E100000-0000-4000-8000-000000000200', '"rushed"', [RUSH])}{asel('5E100000-0000-4000-8000-000000000300', 'Always so soggy.', [], 'an uncoded quotation with a comment')}        </TextSource>
        <TextSource guid="ABCD0000-0000-4000-8000-000000000002" name="Mabêl 2ième.txt" plainTextPath="internal://ABCD0000-0000-4000-8000-000000000002.txt" richTextPath="internal://ABCD0000-0000-4000-8000-000000000002.docx">
            <PlainTextSelection guid="5E100000-0000-4000-8000-000000000400" name="lost" startPosition="0" endPosition="4"><Coding guid="5E100000-0000-4000-8000-000000000401"><CodeRef targetGUID="{MILK}"/></Coding></PlainTextSelection>
        </TextSource>
        <PDFSource guid="ABCD0000-0000-4000-8000-000000000003" name="Kellogg’s ®.pdf" path="internal://ABCD0000-0000-4000-8000-000000000003.pdf"/>
        <AudioSource guid="ABCD0000-0000-4000-8000-000000000004" name="call.m4a" path="relative:///call.m4a"/>
    </Sources>
    <Links>
        <Link guid="11110000-0000-4000-8000-000000000001" name="contradicts" direction="OneWay" originGUID="{COKE}" targetGUID="{MILK}"/>
    </Links>
    <Sets>
        <Set guid="22220000-0000-4000-8000-000000000001" name="Drinks"><MemberCode targetGUID="{COKE}"/></Set>
    </Sets>
</Project>
'''
write('atlas8/Project.qde', qde8)
write('atlas8/Sources/ABCD0000-0000-4000-8000-000000000001.txt', atext)
os.makedirs('atlas8/Sources', exist_ok=True)
write('atlas8-bare.qde', qde8)

# MAXQDA 24: codable parents with children, lowercase colours, descriptions everywhere, document
# sets, source names without extension, no selections, uppercase GUIDs, 1-space indentation.
shutil.rmtree('maxqda', ignore_errors=True)
mtext = 'Paper one: “quotes” – and dashes, Café.\n'
qdem = '''<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" origin="MAXQDA 24 (Attune fixture)" name="Themes" modifiedDateTime="2025-07-14T13:42:34Z">
 <Users>
  <User guid="DDDD0000-0000-4000-8000-000000000001" name="johnb"/>
 </Users>
 <CodeBook>
  <Codes>
   <Code guid="EEEE0000-0000-4000-8000-000000000001" name="Learning" isCodable="true" color="#ef8256">
    <Description>A category: never apply it directly.</Description>
    <Code guid="EEEE0000-0000-4000-8000-000000000002" name="Peer learning" isCodable="true" color="#a0c4ff">
     <Description>Students learning from each other.</Description>
    </Code>
   </Code>
  </Codes>
 </CodeBook>
 <Sources>
  <TextSource guid="FFFF0000-0000-4000-8000-000000000001" name="ICLS 2024 3-10" plainTextPath="internal://FFFF0000-0000-4000-8000-000000000001.txt"/>
 </Sources>
 <Sets>
  <Set guid="99990000-0000-4000-8000-000000000001" name="ICLS 2024"><MemberSource targetGUID="FFFF0000-0000-4000-8000-000000000001"/></Set>
 </Sets>
</Project>
'''
write('maxqda/project.qde', qdem)
write('maxqda/sources/FFFF0000-0000-4000-8000-000000000001.txt', mtext)

# qc: no XML declaration, a TextSource without a name, a bare plainTextPath, whole-line
# selections named "line:N" with several codings, duplicate code names in two branches.
shutil.rmtree('qc', ignore_errors=True)
qtext = 'first line\nsecond line\nthird line\n'
starts = [0, 11, 23]
qsel = ''.join(
    f'<PlainTextSelection guid="31300000-0000-4000-8000-00000000000{i}" name="line:{i}" startPosition="{starts[i]}" '
    f'endPosition="{starts[i] + len(qtext.splitlines(True)[i])}" creatingUser="31310000-0000-4000-8000-000000000001">'
    + ''.join(f'<Coding guid="3132000{i}-0000-4000-8000-00000000000{j}" creatingUser="31310000-0000-4000-8000-000000000001">'
              f'<CodeRef targetGUID="3133000{j}-0000-4000-8000-000000000000"/></Coding>' for j in ([1, 3] if i == 1 else [1]))
    + '</PlainTextSelection>' for i in range(3))
qdeq = ('<Project xmlns="urn:QDA-XML:project:1.0" name="demo" origin="qc 1.3.2 (Attune fixture)">'
        '<Users><User guid="31310000-0000-4000-8000-000000000001" name="chris"/></Users>'
        '<CodeBook><Codes>'
        '<Code guid="31330000-0000-4000-8000-000000000000" name="school" isCodable="true">'
        '<Code guid="31330001-0000-4000-8000-000000000000" name="choice" isCodable="true"/></Code>'
        '<Code guid="31330002-0000-4000-8000-000000000000" name="home" isCodable="true">'
        '<Code guid="31330003-0000-4000-8000-000000000000" name="choice" isCodable="true"/></Code>'
        '</Codes></CodeBook>'
        '<Sources><TextSource guid="31340000-0000-4000-8000-000000000001" plainTextPath="board_2017.txt">' + qsel +
        '</TextSource></Sources></Project>')
write('qc/project.qde', qdeq)
write('qc/sources/board_2017.txt', qtext)

# NVivo 15: one-byte text files (empty sources), codes seven levels deep.
shutil.rmtree('nvivo15-empty', ignore_errors=True)
deep = ''
for level in range(7, 0, -1):
    deep = f'<Code guid="7a7a000{level}-0000-4000-8000-000000000000" name="level {level}" isCodable="true">{deep}</Code>'
qde15 = ('<?xml version="1.0" encoding="UTF-8" standalone="no" ?><Project xmlns="urn:QDA-XML:project:1.0" '
         'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="urn:QDA-XML:project:1.0 Project.xsd" '
         'name="qc-project" origin="NVivo for Mac 15 (Attune fixture)"><Users><User guid="7b7b0000-0000-4000-8000-000000000001" id="CP" name="cproctor"/></Users>'
         f'<CodeBook><Codes>{deep}</Codes></CodeBook><Sources>'
         '<TextSource guid="7c7c0000-0000-4000-8000-000000000001" name="7c7c0000-0000-4000-8000-000000000001" plainTextPath="internal://7c7c0000-0000-4000-8000-000000000001.txt"/>'
         '</Sources></Project>')
write('nvivo15-empty/project.qde', qde15)
write('nvivo15-empty/sources/7c7c0000-0000-4000-8000-000000000001.txt', '\n')
write('nvivo15-empty/sources/.root', '')

# Taguette: a flat codebook, hierarchy by backslash, no colours or descriptions, an empty Sets.
write('taguette.qdc', '<?xml version="1.0" encoding="UTF-8"?>\n<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="Taguette 1.4.1 (Attune fixture)"><Codes>'
      '<Code guid="51B2B2B7-0000-5000-8000-000000000001" name="interesting\\places" isCodable="true"/>'
      '<Code guid="51B2B2B7-0000-5000-8000-000000000002" name="interesting\\people" isCodable="true"/>'
      '<Code guid="51B2B2B7-0000-5000-8000-000000000003" name="Variables" isCodable="true"/>'
      '</Codes><Sets/></CodeBook>')

# Mixed namespaces (ATLAS.ti 23: codebook 1.0 with a 0:4 schemaLocation), malformed colours,
# braced and mixed-case GUIDs, nesting with isCodable="false".
write('mixed-ns.qdc', '<?xml version="1.0" encoding="utf-8"?>\n'
      '<CodeBook xmlns="urn:QDA-XML:codebook:1.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
      'xsi:schemaLocation="urn:QDA-XML:codebook:0:4 Codebook.xsd" origin="ATLAS.ti 23 (Attune fixture)">\r\n'
      '  <Codes>\r\n'
      '    <Code guid="{8A8A0000-0000-4000-8000-000000000001}" name="Commits" isCodable="false">\r\n'
      '      <Code guid="8a8a0000-0000-4000-8000-000000000002" name="2022-05-10 19e4dce" isCodable="true" color="rgb(255,0,0)"/>\r\n'
      '      <Code guid="8A8A0000-0000-4000-8000-000000000003" name="2022-05-11 7a1b2c3" isCodable="true" color="#FF000080"/>\r\n'
      '      <Code guid="8A8A0000-0000-4000-8000-000000000004" name="short colour" isCodable="true" color="#0f0"/>\r\n'
      '    </Code>\r\n  </Codes>\r\n</CodeBook>\r\n')
# The draft project namespace (Transana's 0:10).
write('draft-ns.qde', '<?xml version="1.0" encoding="UTF-8"?><Project xmlns="urn:QDA-XML:project:0:10" name="t" origin="Transana (Attune fixture)">'
      '<Users><User guid="1d1d0000-0000-4000-8000-000000000001" name="dave"/></Users></Project>')
