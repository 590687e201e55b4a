package io.baifang.shared;

import java.util.UUID;

/** Hands out identifiers; injected so tests and logic never mint ids themselves (ARCHITECTURE rule 8). */
public interface IdGenerator {

    UUID next();
}
