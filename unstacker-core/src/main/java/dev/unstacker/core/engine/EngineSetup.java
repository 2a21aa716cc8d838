package dev.unstacker.core.engine;

import ai.djl.engine.Engine;

/**
 * Starts DJL's PyTorch engine with its telemetry turned off.
 *
 * <p>When DJL's engine starts, it reads a cloud metadata address and posts to a telemetry service
 * unless {@code OPT_OUT_TRACKING} or offline mode is set, as an environment variable or a system
 * property (DJL 0.36.0, {@code Ec2Utils.callHome}). Every entry point of the library calls
 * {@link #engine()}, which sets the {@code OPT_OUT_TRACKING} system property to {@code true} first
 * unless the user has already set it, as a property or in the environment, to any value.
 */
public final class EngineSetup {

    /** The name DJL reads, as a system property or an environment variable, to skip telemetry. */
    public static final String OPT_OUT_TRACKING = "OPT_OUT_TRACKING";

    private EngineSetup() {}

    /**
     * Sets the tracking opt-out property unless the user set it, and returns the PyTorch engine.
     *
     * @return the started engine
     */
    public static synchronized Engine engine() {
        optOutOfTracking();
        return Engine.getEngine("PyTorch");
    }

    /** Sets the {@code OPT_OUT_TRACKING} system property to {@code true} unless the user set it either way. */
    public static void optOutOfTracking() {
        optOutOfTracking(System::getenv);
    }

    /** Sets the property unless it is set or {@code environment} has the variable; for tests. */
    static synchronized void optOutOfTracking(java.util.function.UnaryOperator<String> environment) {
        if (System.getProperty(OPT_OUT_TRACKING) == null && environment.apply(OPT_OUT_TRACKING) == null) {
            System.setProperty(OPT_OUT_TRACKING, "true");
        }
    }

    /**
     * Returns whether DJL will skip its telemetry call, judged the way DJL judges it: from the
     * system property or the environment variable.
     *
     * @return true if tracking is opted out
     */
    public static boolean isTrackingOptedOut() {
        String value = System.getProperty(OPT_OUT_TRACKING, System.getenv(OPT_OUT_TRACKING));
        return Boolean.parseBoolean(value);
    }
}
