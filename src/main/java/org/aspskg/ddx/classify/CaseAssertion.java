package org.aspskg.ddx.classify;

import java.util.BitSet;

/**
 * What a case says in the TBox's terms: the case has (or is known not to have) a filler of a class
 * on a case property. {@code witnesses} are the indexes of the case statements it comes from: one
 * statement for a finding, the age and/or sex statements for a demographic group.
 */
public record CaseAssertion(String property, String filler, boolean present, BitSet witnesses) {

    public CaseAssertion {
        witnesses = (BitSet) witnesses.clone();
    }

    @Override
    public BitSet witnesses() {
        return (BitSet) witnesses.clone();
    }
}
