/**
 * Reading a case: JSON or Turtle text or a case file ({@link org.aspskg.ddx.read.CaseInput}), names
 * resolved ({@link org.aspskg.ddx.read.TermIndex}), checked against the SHACL case shapes
 * ({@link org.aspskg.ddx.read.CaseShapes} with jena-shacl for Turtle, the same shapes compiled into
 * checks on the case, {@link org.aspskg.ddx.read.CompiledCaseShapes}, for JSON), every problem located
 * ({@link org.aspskg.ddx.read.CaseInputException}).
 *
 * <p>Entry point: {@link org.aspskg.ddx.read.CaseReader}.
 */
package org.aspskg.ddx.read;
