#!/usr/bin/python3
"""Validate JSON documents against the monitor's page schemas (Apps/MonitorService/Schemas).

  validate-json.py SCHEMA_DIR PAGE=FILE [PAGE=FILE ...]

PAGE names a schema (devices: devices.schema.json). Every schema in SCHEMA_DIR is loaded so
`$ref`s between them resolve. Prints one line per document and exits 1 if any is invalid.
"""
import json
import os
import sys

import jsonschema  # Debian python3-jsonschema


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    directory = sys.argv[1]
    store = {}
    by_name = {}
    for file in sorted(os.listdir(directory)):
        if file.endswith(".schema.json"):
            schema = json.load(open(os.path.join(directory, file)))
            jsonschema.Draft202012Validator.check_schema(schema)
            store[schema["$id"]] = schema
            by_name[file[: -len(".schema.json")]] = schema
    failed = False
    for argument in sys.argv[2:]:
        page, _, path = argument.partition("=")
        schema = by_name[page]
        resolver = jsonschema.RefResolver(schema["$id"], schema, store=store)
        validator = jsonschema.Draft202012Validator(
            schema, resolver=resolver, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
        errors = sorted(validator.iter_errors(json.load(open(path))), key=lambda e: list(e.absolute_path))
        if errors:
            failed = True
            for error in errors[:20]:
                print("%s: invalid at %s: %s" % (page, "/".join(map(str, error.absolute_path)), error.message))
        else:
            print("%s: valid" % page)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
