#!/usr/bin/env python3
"""Build ontology/imports/uberon-import.ttl from UBERON OBO stanzas and a term list.

Usage (from the repository root):

    python3 ontology/imports/build-uberon-import.py \
        --terms ontology/imports/uberon-terms.txt \
        --obo ontology/imports/uberon-stanzas.obo \
        --obo ontology/imports/uberon-stanzas-2021.obo \
        --out ontology/imports/uberon-import.ttl

Any UBERON OBO file works as --obo (the stanza extracts committed here, or a full
uberon-edit.obo / uberon.obo); when a term is found in several files, the first
file given wins.

What is kept, per term of the term list (the "extracted set"):
  * rdfs:label (OBO name)
  * oboInOwl:hasExactSynonym / hasRelatedSynonym / hasBroadSynonym / hasNarrowSynonym
  * rdfs:subClassOf X          for  is_a: X  and for the genus of intersection_of
  * rdfs:subClassOf (BFO_0000050 some X)  for  relationship: part_of X  and for
    intersection_of: part_of X  (an equivalence axiom entails both subclass axioms)
  Parents X outside the extracted set are dropped (the set lists the intermediate
  terms needed to connect the hierarchy). part_of lines carrying a gci_relation /
  gci_filler qualifier (taxon-conditional general class inclusions) are not plain
  subclass axioms and are dropped. Definitions, xrefs, subsets and every other
  relation are dropped.
A term-list line "UBERON:NNNNNNN label-only" declares a class with its label only
(taken from the "! label" comments of the OBO files) when its stanza was not read.
"""
import argparse
import re
import sys
from collections import OrderedDict

OBO = "http://purl.obolibrary.org/obo/"
SCOPES = {
    "EXACT": "oboInOwl:hasExactSynonym",
    "RELATED": "oboInOwl:hasRelatedSynonym",
    "BROAD": "oboInOwl:hasBroadSynonym",
    "NARROW": "oboInOwl:hasNarrowSynonym",
}


def curie_to_local(curie):
    prefix, local = curie.split(":", 1)
    return f"obo:{prefix}_{local}"


def ttl_string(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def parse_obo(path):
    """Return {id: stanza} and {id: label from '! label' comments}."""
    stanzas = OrderedDict()
    comment_labels = {}
    current = None
    for raw in open(path, encoding="utf-8"):
        line = raw.rstrip("\n")
        for m in re.finditer(r"(UBERON:\d{7})(?: \{[^}]*\})? ! (.+)$", line):
            comment_labels.setdefault(m.group(1), m.group(2).strip())
        if line.startswith("["):
            current = {"type": line.strip("[]"), "synonyms": [], "is_a": [], "part_of": [], "genus": []}
            continue
        if current is None or current["type"] != "Term":
            continue
        if line.startswith("id: "):
            current["id"] = line[4:].strip()
            stanzas.setdefault(current["id"], current)
        elif line.startswith("name: "):
            current["name"] = line[6:].strip()
        elif line.startswith("synonym: "):
            m = re.match(r'synonym: "((?:[^"\\]|\\.)*)" (EXACT|RELATED|BROAD|NARROW)\b', line)
            if m:
                current["synonyms"].append((m.group(2), m.group(1).replace('\\"', '"')))
        elif line.startswith("is_a: "):
            if "gci_" in line:
                continue
            current["is_a"].append(line.split()[1])
        elif line.startswith("intersection_of: "):
            parts = line.split("!")[0].split()
            if len(parts) == 2:
                current["genus"].append(parts[1])
            elif len(parts) >= 3 and parts[1] == "part_of":
                current["part_of"].append(parts[2])
        elif line.startswith("relationship: part_of "):
            if "gci_" in line:
                continue
            current["part_of"].append(line.split()[2])
    return stanzas, comment_labels


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--terms", required=True)
    ap.add_argument("--obo", action="append", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--header", help="Turtle file whose content is written before the classes")
    ap.add_argument("--ours", help="TSV uberon_id, aspskg_class, why: UBERON terms represented by an asps-kg class")
    args = ap.parse_args()

    ours = {}
    if args.ours:
        for n, raw in enumerate(open(args.ours, encoding="utf-8")):
            fields = raw.rstrip("\n").split("\t")
            if n == 0 or len(fields) < 2:
                continue
            ours[fields[0]] = fields[1]

    def iri_of(curie):
        return ours.get(curie, curie_to_local(curie))

    terms = OrderedDict()
    for raw in open(args.terms, encoding="utf-8"):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        fields = line.split()
        terms[fields[0]] = "label-only" in fields[1:]

    stanzas, labels = OrderedDict(), {}
    for path in args.obo:
        s, l = parse_obo(path)
        for k, v in s.items():
            stanzas.setdefault(k, v)
        for k, v in l.items():
            labels.setdefault(k, v)

    missing = [t for t, label_only in terms.items() if not label_only and t not in stanzas]
    if missing:
        sys.exit("no stanza for: " + ", ".join(missing))

    out = []
    if args.header:
        out.append(open(args.header, encoding="utf-8").read().rstrip("\n"))
        out.append("")
    for t in sorted(terms):
        iri = iri_of(t)
        if terms[t]:
            if t not in labels:
                sys.exit(f"no label for label-only term {t}")
            out.append(f"{iri} a owl:Class ;")
            out.append(f"    rdfs:label {ttl_string(labels[t])}@en .")
            out.append("")
            continue
        st = stanzas[t]
        if t in ours:
            # represented by our class: its label is ours; keep UBERON's synonyms and parents on it
            preds = [f"{iri} a owl:Class"]
        else:
            preds = [f"{iri} a owl:Class", f"    rdfs:label {ttl_string(st['name'])}@en"]
        supers = []
        for p in st["is_a"] + st["genus"]:
            if p in terms and p != t and iri_of(p) not in supers:
                supers.append(iri_of(p))
        parts = []
        for p in st["part_of"]:
            if p in terms and p != t and p not in parts:
                parts.append(p)
        for sup in supers:
            preds.append(f"    rdfs:subClassOf {sup}")
        for p in parts:
            preds.append(
                "    rdfs:subClassOf [ a owl:Restriction ; owl:onProperty obo:BFO_0000050 ; "
                f"owl:someValuesFrom {iri_of(p)} ]"
            )
        seen = set()
        for scope, text in st["synonyms"]:
            if (scope, text) in seen or text == st["name"] and (scope == "EXACT" or t in ours):
                continue
            seen.add((scope, text))
            preds.append(f"    {SCOPES[scope]} {ttl_string(text)}@en")
        out.append(" ;\n".join(preds) + " .")
        out.append("")
    with open(args.out, "w", encoding="utf-8") as fh:
        fh.write("\n".join(out))
    print(f"{len(terms)} classes written to {args.out}")


if __name__ == "__main__":
    main()
