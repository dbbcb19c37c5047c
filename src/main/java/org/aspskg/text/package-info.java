/**
 * The text index of the ontology's stateable classes (findings, anatomical sites, demographic
 * groups) and what reads case text with it: {@link org.aspskg.text.TermSearch} (Lucene, in memory:
 * search and autocomplete ranked as OLS ranks, exact-name and word-bag look-ups),
 * {@link org.aspskg.text.PhraseResolver} (one phrase → a term, with polarity and how it matched)
 * and {@link org.aspskg.text.CaseTextAnnotator} (a whole case as free text: findings, negation,
 * age and sex). The analysis tables — spellings, abbreviations, modifiers, negation cues, findings
 * the ontology does not weigh — are resource files beside these classes, each row with its source
 * where it is not obvious.
 */
package org.aspskg.text;
