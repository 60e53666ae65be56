package dev.faultline.orchestrator.run;

import java.util.List;

/**
 * One page of stored runs, newest first.
 *
 * @param next where the next page starts; null when this page is the last
 */
public record RunPage(List<Run> runs, PageToken next) {

    public RunPage {
        runs = List.copyOf(runs);
    }
}
