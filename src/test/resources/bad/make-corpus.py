#!/usr/bin/env python3
"""Writes the small files of the bad-input corpus (src/test/resources/bad/<entry>/).

Run from the project root: python3 src/test/resources/bad/make-corpus.py
Each entry directory gets its inputs and a list of names (inputs.txt); the expected exit code or
HTTP status and message fragment of each input live in expected.tsv, written by hand (or first
recorded with -Dbad.record=true and then read). Big and binary inputs (names starting gen-) are
made at test time by BadInputCorpusTest, not committed.
"""
import os, shutil

ROOT = os.path.join('src', 'test', 'resources', 'bad')
A = 'https://w3id.org/asps-kg/'
CASE = A + 'case/'

def put(entry, name, data):
    d = os.path.join(ROOT, entry)
    os.makedirs(d, exist_ok=True)
    if isinstance(data, str):
        data = data.encode('utf-8')
    with open(os.path.join(d, name), 'wb') as f:
        f.write(data)

def truncations(entry, base, ext, cuts=(0.1, 0.33, 0.5, 0.8, 0.95)):
    b = base.encode('utf-8')
    for c in cuts:
        put(entry, 'truncated-%02d%s' % (int(c * 100), ext), b[: int(len(b) * c)])

def common(entry, base, ext):
    """Mutations every text entry gets."""
    put(entry, 'empty' + ext, b'')
    put(entry, 'whitespace-only' + ext, b'  \n\t\n   \n')
    put(entry, 'bom-only' + ext, b'\xef\xbb\xbf')
    put(entry, 'utf16le-bom' + ext, b'\xff\xfe' + base.encode('utf-16-le'))
    put(entry, 'utf16be' + ext, base.encode('utf-16-be'))
    put(entry, 'latin1-byte' + ext, base.encode('utf-8').replace(b'a', b'\xe9', 1) if False else base.replace('e', '\u00e9', 3).encode('latin-1'))
    put(entry, 'lone-continuation-byte' + ext, base.encode('utf-8')[:20] + b'\x80' + base.encode('utf-8')[20:])
    put(entry, 'overlong-slash' + ext, base.encode('utf-8')[:20] + b'\xc0\xaf' + base.encode('utf-8')[20:])
    put(entry, 'surrogate-bytes' + ext, base.encode('utf-8')[:20] + b'\xed\xa0\x80' + base.encode('utf-8')[20:])
    put(entry, 'nul-byte' + ext, base.encode('utf-8')[:15] + b'\x00' + base.encode('utf-8')[15:])
    put(entry, 'ends-inside-character' + ext, base.encode('utf-8') + b'\xe2\x82')
    put(entry, 'html-page' + ext, '<!DOCTYPE html>\n<html><body><h1>404 Not Found</h1></body></html>\n')
    put(entry, 'xml-billion-laughs' + ext, '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>\n<lolz>&lol3;</lolz>\n')
    put(entry, 'control-characters' + ext, base[:10] + '\x1b[31m\x07\x08' + base[10:])
    put(entry, 'crlf-only' + ext, '\r\n\r\n')
    put(entry, 'gzip-magic-only' + ext, b'\x1f\x8b\x08\x00')
    put(entry, 'pdf-header' + ext, b'%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n')
    put(entry, 'png-header' + ext, b'\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01')
    truncations(entry, base, ext)

# ---------------------------------------------------------------- ddx: one JSON or Turtle case
JSON = '{"id": "bad-1", "label": "a case", "age": 30, "sex": "female", "findings": ["thigh", "deep soft tissue"], "absent": ["necrosis"]}\n'
TTL = ('PREFIX aspskg: <%s>\nPREFIX case: <%s>\ncase:bad-1 a aspskg:PatientCase ;\n'
       '    aspskg:ageInYears 30 ;\n    aspskg:hasLesionSite [ a aspskg:Thigh ] .\n') % (A, CASE)
common('ddx', JSON, '.json')
for name, text in {
    'array-top': '[' + JSON + ']',
    'string-top': '"thigh"',
    'number-top': '42',
    'null-top': 'null',
    'trailing-garbage': JSON.strip() + ' }}',
    'two-objects': JSON + JSON,
    'duplicate-key': '{"id": "a", "id": "b", "findings": ["thigh"]}',
    'missing-id': '{"findings": ["thigh"]}',
    'id-number': '{"id": 7, "findings": ["thigh"]}',
    'id-with-space': '{"id": "a b", "findings": ["thigh"]}',
    'id-iri-injection': '{"id": "x> <https://w3id.org/asps-kg/AlveolarSoftPartSarcoma", "findings": ["thigh"]}',
    'findings-string': '{"id": "a", "findings": "thigh"}',
    'findings-object': '{"id": "a", "findings": {"thigh": true}}',
    'findings-nested-array': '{"id": "a", "findings": [["thigh"]]}',
    'finding-number': '{"id": "a", "findings": [12]}',
    'finding-null': '{"id": "a", "findings": [null]}',
    'finding-empty-string': '{"id": "a", "findings": [""]}',
    'unknown-finding': '{"id": "a", "findings": ["unicorn horn"]}',
    'no-findings': '{"id": "a", "findings": [], "absent": []}',
    'age-negative': '{"id": "a", "age": -3, "findings": ["thigh"]}',
    'age-too-old': '{"id": "a", "age": 151, "findings": ["thigh"]}',
    'two-sexes': '{"id": "a", "sex": "female", "findings": ["thigh", "flow voids", "male"]}',
    'groups-only': '{"id": "a", "age": 30, "findings": ["young adults"]}',
    'age-huge': '{"id": "a", "age": 99999999999999999999, "findings": ["thigh"]}',
    'age-fraction': '{"id": "a", "age": 30.5, "findings": ["thigh"]}',
    'age-string': '{"id": "a", "age": "thirty", "findings": ["thigh"]}',
    'age-nan': '{"id": "a", "age": NaN, "findings": ["thigh"]}',
    'sex-unknown': '{"id": "a", "sex": "robot", "findings": ["thigh"]}',
    'sex-array': '{"id": "a", "sex": ["male"], "findings": ["thigh"]}',
    'unknown-key': '{"id": "a", "findings": ["thigh"], "diagnosis": "ASPS"}',
    'contradictory': '{"id": "a", "findings": ["thigh"], "absent": ["lower limb"]}',
    'tfe3-both': '{"id": "a", "findings": ["TFE3 positive", "TFE3 negative"]}',
    'comment': '// a case\n' + JSON,
    'single-quotes': "{'id': 'a', 'findings': ['thigh']}",
    'unquoted-keys': '{id: "a", findings: ["thigh"]}',
    'trailing-comma': '{"id": "a", "findings": ["thigh",],}',
    'unterminated-string': '{"id": "a, "findings": ["thigh"]}',
    'bad-escape': '{"id": "a\\q", "findings": ["thigh"]}',
    'lone-surrogate-escape': '{"id": "a", "label": "\\ud800", "findings": ["thigh"]}',
    'label-object': '{"id": "a", "label": {"en": "x"}, "findings": ["thigh"]}',
}.items():
    put('ddx', name + '.json', text)
for name, text in {
    'ttl-no-case': 'PREFIX aspskg: <%s>\n<%sx> aspskg:ageInYears 3 .\n' % (A, CASE),
    'ttl-two-cases': TTL + TTL.replace('bad-1', 'bad-2').split('\n', 2)[2],
    'ttl-syntax-error': TTL.replace(' .', ' ;;; ]'),
    'ttl-undefined-prefix': TTL.replace('PREFIX aspskg: <%s>\n' % A, ''),
    'ttl-bad-iri': TTL.replace('case:bad-1', '<http://exa mple/ x>'),
    'ttl-unknown-class': TTL.replace('aspskg:Thigh', 'aspskg:Unicorn'),
    'ttl-age-string': TTL.replace('ageInYears 30', 'ageInYears "thirty"'),
    'ttl-age-negative': TTL.replace('ageInYears 30', 'ageInYears -4'),
    'ttl-literal-finding': TTL.replace('[ a aspskg:Thigh ]', '"thigh"'),
    'ttl-base-file-url': '@base <file:///etc/passwd> .\n' + TTL,
    'ttl-contradictory': TTL.replace(' .\n', ' ;\n    a [ a <http://www.w3.org/2002/07/owl#Class> ; <http://www.w3.org/2002/07/owl#complementOf> [ a <http://www.w3.org/2002/07/owl#Restriction> ; <http://www.w3.org/2002/07/owl#onProperty> aspskg:hasLesionSite ; <http://www.w3.org/2002/07/owl#someValuesFrom> aspskg:LowerLimb ] ] .\n'),
    'ttl-unterminated-literal': TTL + 'case:bad-1 <http://www.w3.org/2000/01/rdf-schema#label> "open\n',
    'ttl-rdfxml': '<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>',
}.items():
    put('ddx', name + '.ttl', text)
common('ddx', TTL, '.ttl') if False else None
put('ddx', 'wrong-extension.txt', JSON)
put('ddx', 'no-extension', JSON)

# ---------------------------------------------------------------- cohort: build --cases
def ntcase(i, site='Thigh'):
    c = '<%scohort-%d>' % (CASE, i)
    return ('%s <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <%sPatientCase> .\n'
            '%s <%shasLesionSite> _:s%d .\n'
            '_:s%d <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <%s%s> .\n') % (c, A, c, A, i, i, A, site)
NT = ''.join(ntcase(i) for i in range(1, 6))
common('cohort', NT, '.nt')
lines = NT.splitlines(True)
for name, text in {
    'split-case.nt': ''.join(lines[:3] + lines[6:] + lines[3:6]) if False else ''.join(lines[0:1] + lines[3:6] + lines[1:3] + lines[6:]),
    'repeated-case.nt': NT + ntcase(1),
    'repeated-at-end.nt': NT + lines[0],
    'orphan-subject.nt': NT + '<https://example.org/x> <https://example.org/p> "o" .\n',
    'unknown-class.nt': NT.replace('%sThigh> .\n' % A, '%sUnicorn> .\n' % A, 1),
    'contradictory.nt': NT + ''.join([
        '<%sc9> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <%sPatientCase> .\n' % (CASE, A),
        '<%sc9> <%shasFinding> _:f1 .\n' % (CASE, A),
        '_:f1 <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <%sTFE3NuclearImmunoreactivity> .\n' % A,
        '<%sc9> <%shasFinding> _:f2 .\n' % (CASE, A),
        '_:f2 <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <%sTFE3ImmunostainNegative> .\n' % A]),
    'syntax-missing-dot.nt': NT.replace(' .\n', '\n', 1),
    'syntax-prefix-in-nt.nt': 'PREFIX a: <%s>\n' % A + NT,
    'relative-iri.nt': NT.replace('<%scohort-1>' % CASE, '<cohort-1>', 1),
    'literal-subject.nt': '"x" <%sp> "y" .\n' % A + NT,
    'bad-datatype.nt': NT + '<%scohort-5> <%sageInYears> "old"^^<http://www.w3.org/2001/XMLSchema#integer> .\n' % (CASE, A),
    'age-negative.nt': NT + '<%scohort-5> <%sageInYears> "-1"^^<http://www.w3.org/2001/XMLSchema#integer> .\n' % (CASE, A),
    'other-graph.nq': ''.join(l.replace(' .\n', ' <https://example.org/g> .\n') for l in lines),
    'quad-syntax.nq': NT.replace(' .\n', ' <g> <h> .\n', 1),
    'trig-unclosed.trig': '<https://example.org/g> {\n' + NT,
    'trig-other-graph.trig': '<https://example.org/g> {\n' + NT + '}\n',
    'ttl-in-nt.nt': 'PREFIX aspskg: <%s>\n<%sa> a aspskg:PatientCase .\n' % (A, CASE),
    'rdfxml.rdf': '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>',
    'jsonld.jsonld': '{"@id": "x"}',
    'no-case.ttl': 'PREFIX aspskg: <%s>\n<%sx> aspskg:ageInYears 3 .\n' % (A, CASE),
    'blank-node-case.nt': '_:c <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <%sPatientCase> .\n_:c <%shasLesionSite> _:s .\n_:s <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <%sThigh> .\n' % (A, A, A),
}.items():
    put('cohort', name, text)
import gzip
put('cohort', 'gzip-truncated.nt.gz', gzip.compress(NT.encode() * 3)[:-12])
put('cohort', 'gzip-corrupt.nt.gz', gzip.compress(NT.encode())[:30] + b'\x00' * 20 + gzip.compress(NT.encode())[50:])
put('cohort', 'not-gzip.nt.gz', NT)
put('cohort', 'gzip-of-latin1.nt.gz', gzip.compress(NT.replace('Thigh', 'Th\u00e9gh').encode('latin-1')))
put('cohort', 'gzip-empty.nt.gz', gzip.compress(b''))
put('cohort', 'gzip-of-binary.nt.gz', gzip.compress(bytes(range(256)) * 4))
put('cohort', 'gzip-double.nt.gz', gzip.compress(gzip.compress(NT.encode())))

# ---------------------------------------------------------------- ontology: build --ontology
OWL = ('PREFIX owl: <http://www.w3.org/2002/07/owl#>\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n'
       '<https://w3id.org/asps-kg/asps.owl> a owl:Ontology .\n<%sX> a owl:Class ; rdfs:label "x" .\n') % A
common('ontology', OWL, '.ttl')
for name, text in {
    'foreign.ttl': OWL.replace('https://w3id.org/asps-kg/asps.owl', 'https://example.org/other.owl'),
    'no-ontology-header.ttl': 'PREFIX owl: <http://www.w3.org/2002/07/owl#>\n<%sX> a owl:Class .\n' % A,
    'syntax-error.ttl': OWL.replace(' .\n', ' ;; ] .\n', 1),
    'undefined-prefix.ttl': OWL.replace('PREFIX owl: <http://www.w3.org/2002/07/owl#>\n', ''),
    'bad-iri.ttl': OWL.replace('<%sX>' % A, '<http://exa mple.org/x>'),
    'remote-import.ttl': OWL.replace(' a owl:Ontology .', ' a owl:Ontology ; owl:imports <http://127.0.0.1:9/remote.owl> .'),
    'file-import.ttl': OWL.replace(' a owl:Ontology .', ' a owl:Ontology ; owl:imports <file:///etc/passwd> .'),
    'unsatisfiable-class.ttl': OWL + '<%sX> owl:equivalentClass owl:Nothing .\n' % A,
    'inconsistent.ttl': OWL + '<%sY> a owl:Class ; owl:disjointWith <%sX> .\n<%si> a <%sX>, <%sY> .\n' % (A, A, A, A, A),
    'literal-as-class.ttl': OWL + '<%sZ> rdfs:subClassOf "not a class" .\n' % A,
    'rdfxml-xxe.owl': '<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:rdfs="http://www.w3.org/2000/01/rdf-schema#"><rdf:Description rdf:about="https://w3id.org/asps-kg/X"><rdfs:label>&x;</rdfs:label></rdf:Description></rdf:RDF>\n',
    'rdfxml-broken.owl': '<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n<rdf:Description rdf:about="x">\n',
    'ofn-broken.ofn': 'Prefix(:=<https://w3id.org/asps-kg/>)\nOntology(<https://w3id.org/asps-kg/asps.owl>\nDeclaration(Class(:X))\n',
    'ofn-empty.ofn': '',
    'ofn-garbage.ofn': 'this is not OWL functional syntax\n',
    'nt-syntax.nt': '<a> <b> .\n',
    'json-file.json': '{"@context": {}, "@graph": [}',
    'unknown-extension.xyz': OWL,
    'turtle-in-owl-extension.owl': OWL,
}.items():
    put('ontology', name, text)

# ---------------------------------------------------------------- sssom: map --check
SSSOM = open(os.path.join('src', 'test', 'resources', 'mapping', 'good.sssom.tsv'), encoding='utf-8').read()
common('sssom', SSSOM, '.sssom.tsv')
head, _, body = SSSOM.partition('subject_id\t')
body = 'subject_id\t' + body
rows = body.splitlines(True)
for name, text in {
    'no-header-row': head,
    'no-metadata': body,
    'yaml-broken': head.replace('#curie_map:', '#curie_map: [unclosed'),
    'yaml-tab-indent': head.replace('#  aspskg:', '#\taspskg:'),
    'yaml-anchor-bomb': '#a: &a ["x","x","x","x","x","x","x","x","x"]\n#b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n#c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n#d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n#e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n#f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n#g: [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n' + body,
    'missing-column': head + rows[0].replace('predicate_id\t', '') + ''.join(rows[1:]),
    'extra-cells': head + rows[0] + rows[1].rstrip('\n') + '\textra\textra\n',
    'too-few-cells': head + rows[0] + 'aspskg:Thigh\tthigh\n',
    'unknown-prefix': head + rows[0] + rows[1].replace('EXAMPLE:0001', 'NOPE:0001'),
    'bad-predicate': head + rows[0] + rows[1].replace('skos:exactMatch', 'skos:sortOfMatch'),
    'bad-justification': head + rows[0] + rows[1].replace('semapv:ManualMappingCuration', 'semapv:Guessing'),
    'bad-date': head + rows[0] + rows[1].replace('2026-11-25', '25/11/2026'),
    'unknown-subject': head + rows[0] + rows[1].replace('aspskg:AlveolarSoftPartSarcoma', 'aspskg:NoSuchThing'),
    'subject-not-curie': head + rows[0] + rows[1].replace('aspskg:AlveolarSoftPartSarcoma', 'just words'),
    'bad-modifier': head + rows[0] + rows[1].replace('skos:exactMatch\t\t', 'skos:exactMatch\tMaybe\t'),
    'unclosed-quote': head + rows[0] + rows[1].replace('example sarcoma', '"example sarcoma'),
    'duplicate-header-column': head + rows[0].replace('comment', 'subject_id') + ''.join(rows[1:]),
    'csv-not-tsv': head + body.replace('\t', ','),
    'header-only': head + rows[0],
    'mapping-set-id-missing': head.replace('#mapping_set_id: https://example.org/mappings/good.sssom.tsv\n', '') + body,
    'curie-map-not-a-map': head.replace('#curie_map:\n', '#curie_map: 12\n'),
    'iri-injection-in-object': head + rows[0] + rows[1].replace('EXAMPLE:0001', 'EXAMPLE:0001> <https://evil'),
    'confidence-not-number': head.replace('#license', '#license') + rows[0].replace('comment', 'comment\tconfidence') + rows[1].rstrip('\n') + '\tvery\n',
    'confidence-above-one': head + rows[0].rstrip('\n') + '\tconfidence\n' + rows[1].rstrip('\n') + '\t1.7\n',
}.items():
    put('sssom', name + '.sssom.tsv', text)

# ---------------------------------------------------------------- sparql: query --query TEXT
Q = 'PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\nSELECT ?s ?l WHERE { ?s rdfs:label ?l } LIMIT 5\n'
common('sparql', Q, '.rq')
for name, text in {
    'update-insert': 'INSERT DATA { <http://x> <http://y> <http://z> }',
    'update-drop': 'DROP ALL',
    'load-url': 'LOAD <http://127.0.0.1:9/x.ttl>',
    'service-loopback': 'SELECT * { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }',
    'service-silent': 'SELECT * { SERVICE SILENT <http://127.0.0.1:9/sparql> { ?s ?p ?o } }',
    'service-variable': 'SELECT * { VALUES ?e { <http://127.0.0.1:9/sparql> } SERVICE ?e { ?s ?p ?o } }',
    'undefined-prefix': 'SELECT * { ?s foo:bar ?o }',
    'unbalanced-brace': 'SELECT * { ?s ?p ?o ',
    'non-ascii-parse-error': 'SELECT * { ?s ?p "café" ?x ?y }',
    'bad-iri': 'SELECT * { <http://exa mple> ?p ?o }',
    'unknown-function': 'PREFIX f: <http://example.org/f#>\nSELECT * { ?s ?p ?o FILTER(f:nope(?o)) } LIMIT 1',
    'select-nothing': 'SELECT WHERE { }',
    'group-error': 'SELECT ?s (COUNT(*) AS ?n) ?p { ?s ?p ?o } GROUP BY ?s',
    'duplicate-as': 'SELECT (1 AS ?x) (2 AS ?x) {}',
    'bad-limit': 'SELECT * { ?s ?p ?o } LIMIT -1',
    'keyword-only': 'SELECT',
    'comment-only': '# nothing but a comment\n',
    'turtle-not-sparql': '<http://a> <http://b> <http://c> .',
    'sql': "SELECT * FROM users WHERE name = 'x'; DROP TABLE users;--",
    'unterminated-string': 'SELECT * { ?s ?p "open }',
    'bind-twice': 'SELECT * { BIND(1 AS ?x) BIND(2 AS ?x) }',
    'values-mismatch': 'SELECT * { VALUES (?a ?b) { (1) } }',
    'describe-bad': 'DESCRIBE',
    'construct-bad-template': 'CONSTRUCT { ?s ?p } WHERE { ?s ?p ?o }',
    'ask-extra': 'ASK {} {}',
    'nested-optional-unclosed': 'SELECT * { OPTIONAL { OPTIONAL { ?s ?p ?o }',
    'regex-bad': 'SELECT * { ?s ?p ?o FILTER regex(str(?o), "(") } LIMIT 1',
    'base-file': 'BASE <file:///etc/> SELECT * { <passwd> ?p ?o }',
    'escape-bad': 'SELECT * { ?s ?p "\\q" }',
    'unicode-escape-surrogate': 'SELECT * { ?s ?p "\\uD800" }',
}.items():
    put('sparql', name + '.rq', text)

# ---------------------------------------------------------------- http: raw requests to the server
def req(method, path, headers=(), body=b''):
    if isinstance(body, str):
        body = body.encode('utf-8')
    h = ['%s %s HTTP/1.1' % (method, path), 'Host: 127.0.0.1', 'Connection: close']
    h += list(headers)
    if body and not any(x.lower().startswith('content-length') or x.lower().startswith('transfer-encoding') for x in headers):
        h.append('Content-Length: %d' % len(body))
    return ('\r\n'.join(h) + '\r\n\r\n').encode('utf-8') + body

JSONCT = ('Content-Type: application/json',)
TTLCT = ('Content-Type: text/turtle',)
for name, (m, path, hd, body) in {
    'json-empty': ('POST', '/asps/ddx', JSONCT, ''),
    'json-garbage': ('POST', '/asps/ddx', JSONCT, '{{{{'),
    'json-array': ('POST', '/asps/ddx', JSONCT, '[' + JSON + ']'),
    'json-trailing': ('POST', '/asps/ddx', JSONCT, JSON.strip() + ' x'),
    'json-unknown-finding': ('POST', '/asps/ddx', JSONCT, '{"id": "a", "findings": ["unicorn"]}'),
    'json-contradictory': ('POST', '/asps/ddx', JSONCT, '{"id": "a", "findings": ["thigh"], "absent": ["lower limb"]}'),
    'json-age-string': ('POST', '/asps/ddx', JSONCT, '{"id": "a", "age": "x", "findings": ["thigh"]}'),
    'json-shape-violations': ('POST', '/asps/ddx', JSONCT, '{"id": "a", "age": 200, "sex": "male", "findings": ["thigh", "females"]}'),
    'json-duplicate-key': ('POST', '/asps/ddx', JSONCT, '{"id": "a", "id": "b", "findings": ["thigh"]}'),
    'json-latin1': ('POST', '/asps/ddx', JSONCT, '{"id": "a", "label": "caf\xe9", "findings": ["thigh"]}'.encode('latin-1')),
    'json-nul': ('POST', '/asps/ddx', JSONCT, b'{"id": "a\x00", "findings": ["thigh"]}'),
    'json-utf16': ('POST', '/asps/ddx', JSONCT, JSON.encode('utf-16')),
    'json-as-turtle': ('POST', '/asps/ddx', TTLCT, JSON),
    'turtle-as-json': ('POST', '/asps/ddx', JSONCT, TTL),
    'turtle-syntax': ('POST', '/asps/ddx', TTLCT, TTL.replace(' .', ' ;;; ]')),
    'turtle-two-cases': ('POST', '/asps/ddx', TTLCT, TTL + TTL.replace('bad-1', 'bad-2').split('\n', 2)[2]),
    'turtle-no-case': ('POST', '/asps/ddx', TTLCT, 'PREFIX aspskg: <%s>\n<%sx> aspskg:ageInYears 3 .\n' % (A, CASE)),
    'turtle-unknown-class': ('POST', '/asps/ddx', TTLCT, TTL.replace('aspskg:Thigh', 'aspskg:Unicorn')),
    'no-content-type': ('POST', '/asps/ddx', (), JSON),
    'xml-content-type': ('POST', '/asps/ddx', ('Content-Type: application/xml',), '<case/>'),
    'form-content-type': ('POST', '/asps/ddx', ('Content-Type: application/x-www-form-urlencoded',), 'id=a&findings=thigh'),
    'multipart': ('POST', '/asps/ddx', ('Content-Type: multipart/form-data; boundary=x',), '--x\r\nContent-Disposition: form-data; name="f"\r\n\r\n' + JSON + '\r\n--x--\r\n'),
    'content-type-garbage': ('POST', '/asps/ddx', ('Content-Type: ;;;==',), JSON),
    'charset-latin1-declared': ('POST', '/asps/ddx', ('Content-Type: application/json; charset=iso-8859-1',), JSON),
    'charset-unknown': ('POST', '/asps/ddx', ('Content-Type: application/json; charset=x-nonsense',), JSON),
    'charset-comma-joined': ('POST', '/asps/ddx', ('Content-Type: application/json; charset=utf-8, text/plain',), JSON),
    'store-anonymous': ('POST', '/asps/ddx?store=true', JSONCT, JSON),
    'store-bad-credentials': ('POST', '/asps/ddx?store=true', JSONCT + ('Authorization: Basic Y3VyYXRvcjp3cm9uZw==',), JSON),
    'store-malformed-authorization': ('POST', '/asps/ddx?store=true', JSONCT + ('Authorization: Basic !!!notbase64',), JSON),
    'store-value-odd': ('POST', '/asps/ddx?store=maybe', JSONCT, JSON),
    'get': ('GET', '/asps/ddx', (), ''),
    'put': ('PUT', '/asps/ddx', JSONCT, JSON),
    'delete': ('DELETE', '/asps/ddx', (), ''),
    'trace': ('TRACE', '/asps/ddx', (), ''),
    'options-body': ('PATCH', '/asps/ddx', JSONCT, JSON),
    'declared-too-large': ('POST', '/asps/ddx', JSONCT + ('Content-Length: 104857600',), ''),
    'content-length-negative': ('POST', '/asps/ddx', JSONCT + ('Content-Length: -5',), ''),
    'content-length-garbage': ('POST', '/asps/ddx', JSONCT + ('Content-Length: lots',), ''),
    'chunked-garbage': ('POST', '/asps/ddx', JSONCT + ('Transfer-Encoding: chunked',), 'zz\r\nnot hex\r\n0\r\n\r\n'),
    'accept-unknown': ('POST', '/asps/ddx', JSONCT + ('Accept: application/x-unknown',), JSON),
    'path-traversal': ('GET', '/asps/../../etc/passwd', (), ''),
    'path-encoded-traversal': ('GET', '/asps/%2e%2e/%2e%2e/etc/passwd', (), ''),
    'query-param-injection': ('POST', '/asps/ddx?format=%00%0d%0aX-Injected:%20yes', JSONCT, JSON),
    'header-folding': ('POST', '/asps/ddx', ('Content-Type: application/json', ' folded: value'), JSON),
    'deep-json': ('POST', '/asps/ddx', JSONCT, '{"id": "a", "findings": ' + '[' * 5000 + ']' * 5000 + '}'),
    'id-iri-injection': ('POST', '/asps/ddx', JSONCT, '{"id": "x> <https://w3id.org/asps-kg/AlveolarSoftPartSarcoma", "findings": ["thigh"]}'),
    'http10-no-host': ('POST', '/asps/ddx', JSONCT, JSON),
    'unknown-dataset': ('POST', '/nope/ddx', JSONCT, JSON),
}.items():
    put('http-ddx', name + '.http', req(m, path, hd, body))
# HTTP/1.0 variant: rewrite the request line
p = os.path.join(ROOT, 'http-ddx', 'http10-no-host.http')
data = open(p, 'rb').read().replace(b'HTTP/1.1\r\nHost: 127.0.0.1\r\n', b'HTTP/1.0\r\n', 1)
open(p, 'wb').write(data)

from urllib.parse import quote
FORM = ('Content-Type: application/x-www-form-urlencoded',)
SQ = ('Content-Type: application/sparql-query',)
SU = ('Content-Type: application/sparql-update',)
for name, (m, path, hd, body) in {
    'get-parse-error': ('GET', '/asps/sparql?query=' + quote('SELECT * {'), (), ''),
    'get-non-ascii-parse-error': ('GET', '/asps/sparql?query=' + quote('SELECT * { ?s ?p "café" ?x ?y }'), (), ''),
    'get-no-query': ('GET', '/asps/sparql', (), ''),
    'get-empty-query': ('GET', '/asps/sparql?query=', (), ''),
    'get-two-queries': ('GET', '/asps/sparql?query=ASK{}&query=ASK{}', (), ''),
    'get-bad-percent': ('GET', '/asps/sparql?query=%ZZ', (), ''),
    'get-utf8-overlong-percent': ('GET', '/asps/sparql?query=%C0%AF', (), ''),
    'get-update-as-query': ('GET', '/asps/sparql?query=' + quote('INSERT DATA { <a:x> <a:y> <a:z> }'), (), ''),
    'get-update-param': ('GET', '/asps/sparql?update=' + quote('DROP ALL'), (), ''),
    'get-service-loopback': ('GET', '/asps/sparql?query=' + quote('SELECT * { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }'), (), ''),
    'get-service-silent': ('GET', '/asps/sparql?query=' + quote('SELECT * { SERVICE SILENT <http://127.0.0.1:9/s> { ?s ?p ?o } }'), (), ''),
    'get-service-var': ('GET', '/asps/sparql?query=' + quote('SELECT * { BIND(<http://127.0.0.1:9/s> AS ?e) SERVICE ?e { ?s ?p ?o } }'), (), ''),
    'get-unknown-format': ('GET', '/asps/sparql?query=ASK%7B%7D&format=nonsense', (), ''),
    'get-accept-garbage': ('GET', '/asps/sparql?query=ASK%7B%7D', ('Accept: ;;;/;;',), ''),
    'get-default-graph-uri-file': ('GET', '/asps/sparql?query=ASK%7B%7D&default-graph-uri=file:///etc/passwd', (), ''),
    'get-named-graph-uri-remote': ('GET', '/asps/sparql?query=ASK%7B%7D&named-graph-uri=http://127.0.0.1:9/g', (), ''),
    'get-timeout-param-garbage': ('GET', '/asps/sparql?query=ASK%7B%7D&timeout=-1', (), ''),
    'post-form-parse-error': ('POST', '/asps/sparql', FORM, 'query=' + quote('SELECT * {')),
    'post-form-no-query': ('POST', '/asps/sparql', FORM, 'foo=bar'),
    'post-form-bad-percent': ('POST', '/asps/sparql', FORM, 'query=%ZZ%'),
    'post-form-update-on-query': ('POST', '/asps/sparql', FORM, 'update=' + quote('DROP ALL')),
    'post-sparql-query-parse-error': ('POST', '/asps/sparql', SQ, 'SELECT * {'),
    'post-sparql-query-empty': ('POST', '/asps/sparql', SQ, ''),
    'post-sparql-query-latin1': ('POST', '/asps/sparql', SQ, 'SELECT * { ?s ?p "caf\xe9" }'.encode('latin-1')),
    'post-sparql-query-nul': ('POST', '/asps/sparql', SQ, b'ASK { \x00 }'),
    'post-sparql-query-binary': ('POST', '/asps/sparql', SQ, bytes(range(256))),
    'post-sparql-query-utf16': ('POST', '/asps/sparql', SQ, 'ASK {}'.encode('utf-16')),
    'post-update-anonymous': ('POST', '/asps/update', SU, 'INSERT DATA { <a:x> <a:y> <a:z> }'),
    'post-update-drop-anonymous': ('POST', '/asps/update', SU, 'DROP ALL'),
    'post-update-load-anonymous': ('POST', '/asps/update', SU, 'LOAD <http://127.0.0.1:9/x>'),
    'post-update-bad-credentials': ('POST', '/asps/update', SU + ('Authorization: Basic Y3VyYXRvcjp3cm9uZw==',), 'DROP ALL'),
    'post-update-on-sparql-endpoint': ('POST', '/asps/sparql', SU, 'DROP ALL'),
    'post-update-form-on-query': ('POST', '/asps/query', FORM, 'update=' + quote('DROP ALL')),
    'gsp-put-anonymous': ('PUT', '/asps/data?default', ('Content-Type: text/turtle',), '<a:x> <a:y> <a:z> .'),
    'gsp-post-anonymous': ('POST', '/asps/data?graph=https://w3id.org/asps-kg/graph/cases', ('Content-Type: text/turtle',), '<a:x> <a:y> <a:z> .'),
    'gsp-delete-anonymous': ('DELETE', '/asps/data?graph=https://w3id.org/asps-kg/graph/asserted', (), ''),
    'gsp-get-unknown-graph': ('GET', '/asps/data?graph=https://example.org/none', (), ''),
    'gsp-get-bad-graph-iri': ('GET', '/asps/data?graph=' + quote('not an iri <>'), (), ''),
    'gsp-get-file-graph': ('GET', '/asps/get?graph=file:///etc/passwd', (), ''),
    'admin-endpoint': ('GET', '/$/datasets', (), ''),
    'admin-server': ('POST', '/$/server', (), ''),
    'trace-sparql': ('TRACE', '/asps/sparql', (), ''),
    'delete-sparql': ('DELETE', '/asps/sparql', (), ''),
    'put-sparql': ('PUT', '/asps/sparql', SQ, 'ASK {}'),
    'declared-too-large': ('POST', '/asps/sparql', SQ + ('Content-Length: 209715200',), ''),
    'content-length-garbage': ('POST', '/asps/sparql', SQ + ('Content-Length: abc',), ''),
    'chunked-garbage': ('POST', '/asps/sparql', SQ + ('Transfer-Encoding: chunked',), 'q\r\nxx\r\n0\r\n\r\n'),
    'unknown-content-type': ('POST', '/asps/sparql', ('Content-Type: application/x-nonsense',), 'ASK {}'),
    'deep-query': ('POST', '/asps/sparql', SQ, 'SELECT * ' + '{ ' * 3000 + '?s ?p ?o' + ' }' * 3000),
    'deep-expression': ('POST', '/asps/sparql', SQ, 'ASK { FILTER(' + '(' * 5000 + '1' + ')' * 5000 + ') }'),
    'bad-method-token': ('G\x01T', '/asps/sparql?query=ASK%7B%7D', (), ''),
    'request-line-garbage': ('\x16\x03\x01', '', (), ''),
}.items():
    put('http-sparql', name + '.http', req(m, path, hd, body))
# ---------------------------------------------------------------- http-batch: POST /asps/ddx/batch
# A batch answers 200 and an error line for each bad line (the others are ranked); the request as a
# whole is refused (405, 415, 401, 400) only for what is wrong with the request itself.
ND = ('Content-Type: application/x-ndjson',)
GOOD = JSON.strip()
def lines(*ls):
    return '\n'.join(ls) + '\n'
for name, (m, path, hd, body) in {
    # one bad line, as the bad cases of /asps/ddx
    'line-empty-object': ('POST', '/asps/ddx/batch', ND, lines('{}')),
    'line-garbage': ('POST', '/asps/ddx/batch', ND, lines('{{{{')),
    'line-array': ('POST', '/asps/ddx/batch', ND, lines('[' + GOOD + ']')),
    'line-number': ('POST', '/asps/ddx/batch', ND, lines('42')),
    'line-string': ('POST', '/asps/ddx/batch', ND, lines('"thigh"')),
    'line-null': ('POST', '/asps/ddx/batch', ND, lines('null')),
    'line-trailing': ('POST', '/asps/ddx/batch', ND, lines(GOOD + ' x')),
    'line-two-objects': ('POST', '/asps/ddx/batch', ND, lines(GOOD + ' ' + GOOD)),
    'line-unknown-finding': ('POST', '/asps/ddx/batch', ND, lines('{"id": "a", "findings": ["unicorn"]}')),
    'line-contradictory': ('POST', '/asps/ddx/batch', ND, lines('{"id": "a", "findings": ["thigh"], "absent": ["lower limb"]}')),
    'line-age-string': ('POST', '/asps/ddx/batch', ND, lines('{"id": "a", "age": "x", "findings": ["thigh"]}')),
    'line-age-negative': ('POST', '/asps/ddx/batch', ND, lines('{"id": "a", "age": -3, "findings": ["thigh"]}')),
    'line-age-huge': ('POST', '/asps/ddx/batch', ND, lines('{"id": "a", "age": 1e999, "findings": ["thigh"]}')),
    'line-shape-violations': ('POST', '/asps/ddx/batch', ND, lines('{"id": "a", "age": 200, "sex": "male", "findings": ["thigh", "females"]}')),
    'line-duplicate-key': ('POST', '/asps/ddx/batch', ND, lines('{"id": "a", "id": "b", "findings": ["thigh"]}')),
    'line-findings-string': ('POST', '/asps/ddx/batch', ND, lines('{"id": "a", "findings": "thigh"}')),
    'line-findings-numbers': ('POST', '/asps/ddx/batch', ND, lines('{"id": "a", "findings": [1, 2, 3]}')),
    'line-findings-nested': ('POST', '/asps/ddx/batch', ND, lines('{"id": "a", "findings": [["thigh"]]}')),
    'line-no-findings': ('POST', '/asps/ddx/batch', ND, lines('{"id": "a"}')),
    'line-id-iri-injection': ('POST', '/asps/ddx/batch', ND, lines('{"id": "x> <https://w3id.org/asps-kg/AlveolarSoftPartSarcoma", "findings": ["thigh"]}')),
    'line-latin1': ('POST', '/asps/ddx/batch', ND, '{"id": "a", "label": "caf\xe9", "findings": ["thigh"]}\n'.encode('latin-1')),
    'line-nul': ('POST', '/asps/ddx/batch', ND, b'{"id": "a\x00", "findings": ["thigh"]}\n'),
    'line-control-characters': ('POST', '/asps/ddx/batch', ND, lines('{"id": "a", "label": "\\u001b[31mred\\u0007", "findings": ["thigh"]}')),
    'line-lone-surrogate': ('POST', '/asps/ddx/batch', ND, lines('{"id": "a", "label": "\\uD800", "findings": ["thigh"]}')),
    'line-turtle': ('POST', '/asps/ddx/batch', ND, TTL),
    'line-deep-json': ('POST', '/asps/ddx/batch', ND, lines('{"id": "a", "findings": ' + '[' * 5000 + ']' * 5000 + '}')),
    'line-1001-findings': ('POST', '/asps/ddx/batch', ND, lines('{"id": "a", "findings": [' + ', '.join(['"thigh"'] * 1001) + ']}')),
    'line-binary': ('POST', '/asps/ddx/batch', ND, bytes(b for b in range(256) if b != 10) + b'\n'),
    # the bad line among good ones: the others are still ranked
    'good-bad-good': ('POST', '/asps/ddx/batch', ND, lines(GOOD, '{{{{', GOOD.replace('bad-1', 'bad-3'))),
    'bom-first-line': ('POST', '/asps/ddx/batch', ND, '\ufeff' + lines(GOOD)),
    'crlf-lines': ('POST', '/asps/ddx/batch', ND, GOOD + '\r\n' + GOOD.replace('bad-1', 'bad-2') + '\r\n'),
    'blank-lines-only': ('POST', '/asps/ddx/batch', ND, '\n\n   \n'),
    'no-final-newline': ('POST', '/asps/ddx/batch', ND, GOOD + '\n{"id": "cut", "findings": ["thi'),
    'same-id-twice': ('POST', '/asps/ddx/batch', ND, lines(GOOD, GOOD)),
    # the request itself
    'json-content-type': ('POST', '/asps/ddx/batch', JSONCT, lines(GOOD)),
    'turtle-content-type': ('POST', '/asps/ddx/batch', TTLCT, TTL),
    'no-content-type': ('POST', '/asps/ddx/batch', (), lines(GOOD)),
    'content-type-garbage': ('POST', '/asps/ddx/batch', ('Content-Type: ;;;==',), lines(GOOD)),
    'charset-latin1-declared': ('POST', '/asps/ddx/batch', ('Content-Type: application/x-ndjson; charset=iso-8859-1',), lines(GOOD)),
    'get': ('GET', '/asps/ddx/batch', (), ''),
    'put': ('PUT', '/asps/ddx/batch', ND, lines(GOOD)),
    'delete': ('DELETE', '/asps/ddx/batch', (), ''),
    'trace': ('TRACE', '/asps/ddx/batch', (), ''),
    'patch': ('PATCH', '/asps/ddx/batch', ND, lines(GOOD)),
    'store-anonymous': ('POST', '/asps/ddx/batch?store=true', ND, lines(GOOD)),
    'store-bad-credentials': ('POST', '/asps/ddx/batch?store=true', ND + ('Authorization: Basic Y3VyYXRvcjp3cm9uZw==',), lines(GOOD)),
    'store-malformed-authorization': ('POST', '/asps/ddx/batch?store=true', ND + ('Authorization: Basic !!!notbase64',), lines(GOOD)),
    'content-length-garbage': ('POST', '/asps/ddx/batch', ND + ('Content-Length: lots',), ''),
    'content-length-negative': ('POST', '/asps/ddx/batch', ND + ('Content-Length: -5',), ''),
    'chunked-garbage': ('POST', '/asps/ddx/batch', ND + ('Transfer-Encoding: chunked',), 'zz\r\nnot hex\r\n0\r\n\r\n'),
    'header-folding': ('POST', '/asps/ddx/batch', ('Content-Type: application/x-ndjson', ' folded: value'), lines(GOOD)),
    'query-param-injection': ('POST', '/asps/ddx/batch?next=%00%0d%0aX-Injected:%20yes', ND, lines(GOOD)),
}.items():
    put('http-batch', name + '.http', req(m, path, hd, body))

print('corpus written under', ROOT)
