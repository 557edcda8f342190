package jlink.demo.jobs;

/** What a running {@link Job} can learn about itself. */
public interface JobControl {
    /** The operation token the caller holds. */
    String token();

    /** Whether the caller asked to cancel the job; the job should stop soon and may just return. */
    boolean cancelRequested();
}
