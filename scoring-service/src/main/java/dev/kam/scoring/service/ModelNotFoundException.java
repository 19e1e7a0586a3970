package dev.kam.scoring.service;

public class ModelNotFoundException extends RuntimeException {

    public ModelNotFoundException(int version) {
        super("no scoring model version " + version);
    }
}
