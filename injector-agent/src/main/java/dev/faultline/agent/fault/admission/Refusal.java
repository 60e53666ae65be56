package dev.faultline.agent.fault.admission;

import dev.faultline.common.event.FailureReason;

/** Why an InjectFault is not carried out: the name of the check that said no, and what it said. */
public sealed interface Refusal {

    /** The name of the check that refused (as in {@link AdmissionCheck#name()}), for logs and tests. */
    String check();

    String detail();

    /**
     * Nothing to do: the command repeats one that took effect already (a redelivery). The desired state holds, so
     * nothing is reported.
     */
    record AlreadyDone(String check, String detail) implements Refusal {
    }

    /** The agent will not inject: reported as FaultFailed with {@code reason}. */
    record Rejected(String check, FailureReason reason, String detail) implements Refusal {
    }
}
