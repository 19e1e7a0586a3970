package dev.kam.scoring.domain;

import java.util.List;
import java.util.Map;

/**
 * One criterion of one score.
 *
 * @param score        0-100, or null when the data to judge it is missing
 * @param weight       the model's weight of this criterion
 * @param contribution points of the total that come from this criterion (contributions add up to the total)
 * @param inputs       the facts it read
 * @param missing      what it would have needed and did not get
 */
public record CriterionScore(Double score, double weight, double contribution, Map<String, Object> inputs, List<String> missing) {
}
