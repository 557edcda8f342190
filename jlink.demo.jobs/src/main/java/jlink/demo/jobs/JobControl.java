package jlink.demo.jobs;

/** What a running {@link Job} can learn about itself. */
public interface JobControl {
    /** The operation token the caller holds. */
    String token();

    /**
     * Whether the job should stop: the caller canceled it, or the handler serving it is closing. The job should
     * stop soon and may just return (its outcome is already decided); the thread is interrupted too.
     */
    boolean cancelRequested();
}
