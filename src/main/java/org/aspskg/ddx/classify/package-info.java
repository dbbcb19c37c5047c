/**
 * Classifying a case against the ontology's defined case classes: the
 * {@link org.aspskg.ddx.classify.CaseTBox} (the ontology classified once by HermiT, with helper
 * classes per feature), the case's {@link org.aspskg.ddx.classify.CaseAssertions}, and the
 * classifiers — the compiled fast path, HermiT as the reference, and the one that checks the first
 * against the second. A contradictory case is a {@link org.aspskg.ddx.classify.ContradictoryCaseException}.
 * What HermiT infers of the case TBox and of the hypotheses' obligate features is kept between runs by
 * the {@link org.aspskg.ddx.classify.KnowledgeCache}.
 *
 * <p>Entry point: {@link org.aspskg.ddx.classify.CompiledCaseClassifier}, a
 * {@link org.aspskg.ddx.classify.CaseClassifier} giving a {@link org.aspskg.ddx.classify.CaseClassification}.
 */
package org.aspskg.ddx.classify;
