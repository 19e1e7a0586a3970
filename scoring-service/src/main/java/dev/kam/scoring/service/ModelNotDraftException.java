package dev.kam.scoring.service;

public class ModelNotDraftException extends RuntimeException {

    public ModelNotDraftException(int version, String status) {
        super("scoring model version " + version + " is " + status + "; only a draft can be activated");
    }
}
