package io.jenkins.plugins.happyhorse.cli.run;

import io.jenkins.plugins.happyhorse.cli.state.RecordState;
import io.jenkins.plugins.happyhorse.client.engine.RenderPhase;
import io.jenkins.plugins.happyhorse.client.error.DeadlineExceededException;
import io.jenkins.plugins.happyhorse.client.error.JobFailedException;
import io.jenkins.plugins.happyhorse.client.error.OutputVerificationException;
import io.jenkins.plugins.happyhorse.client.error.RenderCancelledException;
import io.jenkins.plugins.happyhorse.client.error.SubmissionUncertainException;

/** Where a render's record stands after it ended with a failure in a given phase. */
public final class RecordStates {
    private RecordStates() {}

    public static RecordState after(Throwable failure, RenderPhase phase) {
        if (failure instanceof JobFailedException) {
            return RecordState.FAILED;
        }
        if (failure instanceof RenderCancelledException) {
            return RecordState.CANCELLED;
        }
        if (failure instanceof DeadlineExceededException) {
            return RecordState.TIMED_OUT;
        }
        if (failure instanceof SubmissionUncertainException) {
            return RecordState.UNCERTAIN;
        }
        if (failure instanceof OutputVerificationException && phase == RenderPhase.VERIFYING) {
            return RecordState.VERIFICATION_FAILED;
        }
        if (phase == RenderPhase.DOWNLOADING || phase == RenderPhase.VERIFYING || phase == RenderPhase.DONE) {
            return RecordState.DOWNLOAD_FAILED;
        }
        return RecordState.STOPPED;
    }
}
