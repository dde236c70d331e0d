package org.vrrpstudio.cli;

import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;

/** The headless application: hands the command line to {@link VrrpStudioCommand} and returns its exit code. */
public final class CliApplication implements IApplication {

    @Override
    public Object start(IApplicationContext context) {
        String[] args = (String[]) context.getArguments().get(IApplicationContext.APPLICATION_ARGS);
        context.applicationRunning();
        return Integer.valueOf(VrrpStudioCommand.run(args == null ? new String[0] : args, System.out, System.err));
    }

    @Override
    public void stop() {
        // subcommands end on their own; the agent listens for its own shutdown signal
    }
}
