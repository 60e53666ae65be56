package dev.faultline.observer.degraded;

import dev.faultline.observer.probe.BodyShape;
import dev.faultline.observer.probe.ProbeSample;
import java.time.Instant;
import java.util.List;

/**
 * The body shape a probe's answers had in the steady state, to tell a shrunken answer from a full one.
 *
 * <p>It is what <em>every</em> successful answer before the first injection had (the intersection of their shapes),
 * not the union and not the first answer: a field present in only some healthy answers (an optional field, a list
 * that is sometimes empty) is normal variation, and with the union or a richer first answer every later answer
 * without it would be called degraded. The intersection names only what the service always gave while healthy, so
 * a degraded answer really lost something; a steady state that was itself partly degraded makes the baseline
 * smaller and the check more lenient, never wrong about an answer it flags.
 *
 * @param shape   the intersection; null when no successful answer with a body shape came before the injection
 * @param answers how many successful steady-state answers it was learned from
 */
public record ShapeBaseline(BodyShape shape, int answers) {

    public static final ShapeBaseline NONE = new ShapeBaseline(null, 0);

    /** From one probe's samples: the successful ones answered before {@code firstInjection}. */
    public static ShapeBaseline learn(List<ProbeSample> samples, Instant firstInjection) {
        BodyShape shape = null;
        int answers = 0;
        for (ProbeSample sample : samples) {
            if (sample.ok() && sample.bodyShape() != null && sample.answeredAt().isBefore(firstInjection)) {
                shape = shape == null ? sample.bodyShape() : shape.intersect(sample.bodyShape());
                answers++;
            }
        }
        return new ShapeBaseline(shape, answers);
    }

    /** Whether answers can be compared with it: the steady state answered with JSON that had something to lose. */
    public boolean comparable() {
        return shape != null && shape.comparable();
    }
}
