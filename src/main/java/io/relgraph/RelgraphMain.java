package io.relgraph;

import java.util.Arrays;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import io.relgraph.auth.TokenCommand;

/**
 * The jar's entry point: {@code token ...} mints a token (see {@link TokenCommand}) and exits
 * without starting the server; anything else starts relgraph as usual.
 */
@QuarkusMain
public class RelgraphMain {

    public static void main(String... args) {
        if (args.length > 0 && "token".equals(args[0])) {
            System.exit(TokenCommand.run(Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
        }
        Quarkus.run(args);
    }
}
