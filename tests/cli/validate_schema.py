#!/usr/bin/env python3
"""Validates YAML files against a JSON Schema, as an editor's YAML
language server does: dates stay strings (YAML 1.2), keys become strings.

usage: validate_schema.py SCHEMA.json FILE.yaml...
Prints "FILE: valid" or "FILE: invalid: why" a file; exits 1 when a file
is invalid or does not load, 2 when the schema itself is not valid."""
import json
import sys

import jsonschema
import yaml


class Loader(yaml.SafeLoader):
    pass


# YAML 1.2's core schema, as yaml-language-server reads it: no timestamps
Loader.yaml_implicit_resolvers = {
    k: [r for r in v if r[0] != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def stringify_keys(node):
    if isinstance(node, dict):
        return {str(k): stringify_keys(v) for k, v in node.items()}
    if isinstance(node, list):
        return [stringify_keys(v) for v in node]
    return node


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        schema = json.load(f)
    try:
        jsonschema.Draft202012Validator.check_schema(schema)
    except jsonschema.SchemaError as e:
        print("%s: not a valid JSON Schema: %s" % (sys.argv[1], e.message))
        return 2
    validator = jsonschema.Draft202012Validator(schema)
    bad = 0
    for path in sys.argv[2:]:
        try:
            with open(path, encoding="utf-8") as f:
                doc = stringify_keys(yaml.load(f, Loader=Loader))
        except (yaml.YAMLError, UnicodeDecodeError, ValueError) as e:
            print("%s: does not load: %s" % (path, str(e).splitlines()[0]))
            bad += 1
            continue
        error = jsonschema.exceptions.best_match(validator.iter_errors(doc))
        if error is None:
            print("%s: valid" % path)
        else:
            where = "/".join(str(p) for p in error.absolute_path)
            print("%s: invalid: %s: %s" % (path, where, error.message[:200]))
            bad += 1
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
