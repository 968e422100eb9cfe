#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Regenerates invalid/*.xml from valid/minimal.xml and prints the expectation table used by
# tests/core/scheme/test_scheme_invalid.cpp. The expected position is found here by searching
# for an anchor text in the generated file, independently of the C++ line/column code.
import os
here = os.path.dirname(os.path.abspath(__file__))
base = open(os.path.join(here, 'valid', 'minimal.xml'), encoding='utf-8').read()

# name, [(old, new)], code, message fragment, anchor text, occurrence (0-based), offset in anchor
cases = [
 ('malformed_unclosed', [('    </code>\n    <code id="b"', '    <code id="b"')], 'XmlMalformed', 'malformed XML', '</codes>', 0, 2),
 ('unknown_version', [('version="1" id', 'version="2" id')], 'Unsupported', "unknown format version '2'", 'version="2"', 0, 0),
 ('unknown_namespace', [('urn:attune:scheme:1', 'urn:attune:scheme:7')], 'Unsupported', "unsupported scheme namespace", 'xmlns=', 0, 0),
 ('foreign_namespace', [('urn:attune:scheme:1', 'http://example.org/codes')], 'SchemeInvalid', "unknown namespace", 'xmlns=', 0, 0),
 ('wrong_root', [('<scheme ', '<codebook '), ('</scheme>', '</codebook>')], 'SchemeInvalid', 'not <scheme>', '<codebook', 0, 0),
 ('missing_title', [('    <title>Test</title>\n', '')], 'SchemeInvalid', 'lacks the required element <title>', '<metadata>', 0, 0),
 ('unknown_element', [('<definition>B.</definition>', '<definition>B.</definition>\n      <note>n</note>')], 'SchemeInvalid', 'unknown element <note> inside <code>', '<note>', 0, 0),
 ('unknown_attribute', [('name="B" colour', 'name="B" color="#ffffff" colour')], 'SchemeInvalid', "unknown attribute 'color' on <code>", 'color=', 0, 0),
 ('missing_attribute', [('<code id="b" name="B" ', '<code id="b" ')], 'SchemeInvalid', "lacks the required attribute 'name'", '<code id="b"', 0, 0),
 ('out_of_order', [('    <definition>A.</definition>', '    <example>e</example>\n      <definition>A.</definition>')], 'SchemeInvalid', '<definition> is out of order inside <code>', '<definition>A.', 0, 0),
 ('duplicate_code_id', [('<code id="b"', '<code id="a"')], 'SchemeInvalid', "duplicate code/group id 'a' (first declared at line 10)", 'id="a"', 1, 0),
 ('duplicate_scale_id', [('    </scale>\n', '    </scale>\n    <scale id="s" name="T" min="0" max="1" step="1"/>\n')], 'SchemeInvalid', "duplicate scale id 's'", 'id="s"', 1, 0),
 ('duplicate_category_id', [('<subcategory id="X2"', '<subcategory id="X1"')], 'SchemeInvalid', "duplicate category id 'X1'", 'id="X1"', 1, 0),
 ('duplicate_collapsing_id', [('    </collapsing>\n', '    </collapsing>\n      <collapsing id="k" name="K2">\n        <label name="all"/>\n        <map category="X" label="all"/>\n        <map category="Y" label="all"/>\n        <map category="U" label="all"/>\n      </collapsing>\n')], 'SchemeInvalid', "duplicate collapsing id 'k'", 'id="k"', 1, 0),
 ('invalid_id', [('<code id="b"', '<code id="2b"')], 'SchemeInvalid', "invalid code/group id '2b'", 'id="2b"', 0, 0),
 ('invalid_colour', [('colour="#d9f2c2"', 'colour="#d9f2c"')], 'SchemeInvalid', "invalid colour '#d9f2c' (expected #RRGGBB)", 'colour="#d9f2c"', 0, 0),
 ('duplicate_shortcut', [('shortcut="Ctrl+2"', 'shortcut="ctrl+1"')], 'SchemeInvalid', "shortcut 'Ctrl+1' is already used by code 'a' (line 10)", 'shortcut="ctrl+1"', 0, 0),
 ('invalid_shortcut', [('shortcut="Ctrl+2"', 'shortcut="Hyper+Q"')], 'SchemeInvalid', "invalid shortcut 'Hyper+Q'", 'shortcut="Hyper', 0, 0),
 ('invalid_target', [('name="B" colour="#d9f2c2"', 'name="B" target="aunt" colour="#d9f2c2"')], 'SchemeInvalid', "unknown target 'aunt'", 'target="aunt"', 0, 0),
 ('min_not_below_max', [('min="1" max="9"', 'min="9" max="1"')], 'SchemeInvalid', 'min (9) must be less than max (1)', 'min="9"', 0, 0),
 ('step_not_dividing', [('step="0.5"', 'step="3"')], 'SchemeInvalid', 'step 3 does not divide the range 1..9', 'step="3"', 0, 0),
 ('not_a_number', [('max="9"', 'max="nine"')], 'SchemeInvalid', "'nine' is not a number (attribute 'max')", 'max="nine"', 0, 0),
 ('anchor_off_grid', [('<anchor value="1">', '<anchor value="1.25">')], 'SchemeInvalid', 'anchor value 1.25 is not on the scale (1..9 step 0.5)', 'value="1.25"', 0, 0),
 ('dangling_evidence', [('<evidence code="a"/>', '<evidence code="zz"/>')], 'SchemeInvalid', "unknown code 'zz' in the evidence of scale 's'", 'code="zz"', 0, 0),
 ('collapsing_missing_category', [('        <map category="Y" label="y"/>\n', '')], 'SchemeInvalid', "collapsing 'k' does not map category 'Y'", '<collapsing', 0, 0),
 ('collapsing_repeated_category', [('<map category="Y" label="y"/>', '<map category="Y" label="y"/>\n        <map category="Y" label="x"/>')], 'SchemeInvalid', "category 'Y' is mapped twice in collapsing 'k' (first at line 35)", 'category="Y"', 1, 0),
 ('collapsing_category_and_subcategory', [('<map category="X" label="x"/>', '<map category="X" label="x"/>\n        <map category="X1" label="x"/>')], 'SchemeInvalid', "'X1' and its category 'X' are both mapped", 'category="X1"', 0, 0),
 ('collapsing_partial_subcategories', [('<map category="X" label="x"/>', '<map category="X1" label="x"/>')], 'SchemeInvalid', "maps some subcategories of 'X' but not 'X2'", '<collapsing', 0, 0),
 ('collapsing_undeclared_label', [('<map category="Y" label="y"/>', '<map category="Y" label="z"/>')], 'SchemeInvalid', "label 'z' is not declared in collapsing 'k'", 'label="z"', 0, 0),
 ('collapsing_unknown_category', [('<map category="U" defer="true"/>', '<map category="U" defer="true"/>\n        <map category="Q" label="x"/>')], 'SchemeInvalid', "unknown category 'Q' in collapsing 'k'", 'category="Q"', 0, 0),
 ('organised_defer', [('<map category="Y" label="y"/>', '<map category="Y" defer="true"/>')], 'SchemeInvalid', "organised category 'Y' cannot defer", 'defer="true"', 0, 0),
 ('slot_contradicts_categories', [('<category id="X" name="X"', '<slots unresolved="none"/>\n      <category id="X" name="X"')], 'SchemeInvalid', "the unresolved slot cannot be 'none'", 'unresolved="none"', 0, 0),
 ('subcategory_of_unresolved', [('<category id="U" name="U" role="unresolved"/>', '<category id="U" name="U" role="unresolved">\n        <subcategory id="U1" name="U1"/>\n      </category>')], 'SchemeInvalid', 'only organised categories have subcategories', '<subcategory id="U1"', 0, 0),
 ('doctype', [('<scheme ', '<!DOCTYPE scheme [ <!ENTITY a "aaaa"> ]>\n<scheme ')], 'XmlMalformed', 'DOCTYPE and entity declarations are not allowed', '<!DOCTYPE', 0, 0),
 ('undefined_entity', [('<title>Test</title>', '<title>Test &xxe;</title>')], 'XmlMalformed', "entity reference '&xxe;' is not allowed", '&xxe;', 0, 0),
 ('text_in_container', [('  <codes>\n', '  <codes>\n    stray words\n')], 'SchemeInvalid', 'unexpected text inside <codes>', 'stray words', 0, 0),
]

def position(text, anchor, occurrence, extra):
    idx = -1
    for _ in range(occurrence + 1):
        idx = text.index(anchor, idx + 1)
    idx += extra
    line = text.count('\n', 0, idx) + 1
    col = idx - (text.rfind('\n', 0, idx) + 1) + 1
    return line, col

rows = []
for name, edits, code, frag, anchor, occ, extra in cases:
    t = base
    for old, new in edits:
        assert old in t, (name, old)
        t = t.replace(old, new, 1)
    open(os.path.join(here, 'invalid', name + '.xml'), 'w', encoding='utf-8').write(t)
    line, col = position(t, anchor, occ, extra)
    rows.append((name, code, frag, line, col))
for name, code, frag, line, col in rows:
    f = frag.replace('\\', '\\\\').replace('"', '\\"')
    print(f'    {{"{name}.xml", ErrorCode::{code}, "{f}", {line}, {col}}},')
