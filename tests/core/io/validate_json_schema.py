#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Validates JSON documents against a JSON Schema (draft 2020-12) with the jsonschema module
# (Debian's python3-jsonschema), which shares no code with Attune's writers. Each FILE must be
# valid; each file after --reject must be invalid, so that the test shows the schema can fail.
#
#   validate_json_schema.py SCHEMA FILE... [--reject FILE...]
import json
import sys

import jsonschema


def main(argv):
    if len(argv) < 3:
        print(__doc__ or "usage: validate_json_schema.py SCHEMA FILE... [--reject FILE...]")
        return 2
    with open(argv[1], encoding="utf-8") as f:
        schema = json.load(f)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    args = argv[2:]
    split = args.index("--reject") if "--reject" in args else len(args)
    valid, invalid = args[:split], args[split + 1:]
    failures = 0
    for path in valid + invalid:
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
        errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path))
        if path in valid and errors:
            failures += 1
            for e in errors[:10]:
                where = "/".join(str(p) for p in e.absolute_path)
                print(f"{path}: /{where}: {e.message}")
        elif path in invalid and not errors:
            failures += 1
            print(f"{path}: accepted, but it breaks the schema and must be rejected")
        else:
            what = "rejected as expected" if errors else "valid"
            print(f"{path}: {what}" + (f" ({errors[0].message})" if errors else ""))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
