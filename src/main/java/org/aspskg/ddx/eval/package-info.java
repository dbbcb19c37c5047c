/**
 * Evaluation over published case reports: {@link org.aspskg.ddx.eval.Evaluation} reads a directory of
 * cases in their reports' own words ({@code DIR/<Diagnosis>/<slug>.json}, optionally with hand-made gold
 * annotations beside them), ranks each through the differential pipeline — from the free text, or from
 * its gold annotations — and tallies acceptance, phrase resolution and accuracy into an
 * {@link org.aspskg.ddx.eval.EvalReport}; {@link org.aspskg.ddx.eval.WordSensitivity} re-runs it with
 * each frequency word's value scaled.
 */
package org.aspskg.ddx.eval;
