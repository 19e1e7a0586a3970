package dev.kam.console.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kam.console.domain.ConsoleUser;
import dev.kam.console.domain.Criterion;
import dev.kam.console.domain.ModelVersion;
import dev.kam.console.domain.RescoreJob;
import dev.kam.console.service.PlatformClient.Service;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The scoring model's versions, a draft made from the active one, its activation and the rescore's progress. */
@ApplicationScoped
public class ModelService {

    /** A draft's changes: the three weights (percent) and the two thresholds. */
    public record DraftChanges(String description, double purchasePotential, double buyingComplexity, double partnershipOrientation,
                               double promotion, double demotion) {
    }

    private final PlatformClient platform;
    private final ObjectMapper json;

    ModelService(PlatformClient platform, ObjectMapper json) {
        this.platform = platform;
        this.json = json;
    }

    /** Every version, newest first. */
    public List<ModelVersion> versions(ConsoleUser user) {
        List<ModelVersion> versions = new ArrayList<>();
        for (JsonNode model : platform.get(user, Service.SCORING, "/api/v1/scoring-models")) {
            versions.add(version(model));
        }
        versions.sort(Comparator.comparingInt(ModelVersion::version).reversed());
        return versions;
    }

    /** A draft: the active version's definition with the weights and thresholds changed (sales ops). */
    public int createDraft(ConsoleUser user, DraftChanges changes) {
        JsonNode active = null;
        for (JsonNode model : platform.get(user, Service.SCORING, "/api/v1/scoring-models")) {
            if (model.path("status").asText().equals("ACTIVE")) {
                active = model;
            }
        }
        if (active == null) {
            throw new ServiceCallException(409, "No active model", "there is no active model to start a draft from");
        }
        ObjectNode definition = active.path("definition").deepCopy();
        ObjectNode weights = definition.putObject("weights");
        weights.put("purchasePotential", changes.purchasePotential() / 100).put("buyingComplexity", changes.buyingComplexity() / 100)
                .put("partnershipOrientation", changes.partnershipOrientation() / 100);
        definition.put("promotionThreshold", changes.promotion()).put("demotionThreshold", changes.demotion());
        ObjectNode request = json.createObjectNode().put("description", changes.description());
        request.set("definition", definition);
        return platform.post(user, Service.SCORING, "/api/v1/scoring-models", request).path("version").asInt();
    }

    /** Activates a draft; scoring answers with the rescore job it started. */
    public String activate(ConsoleUser user, int version) {
        return platform.post(user, Service.SCORING, "/api/v1/scoring-models/" + version + "/activate", null).path("id").asText();
    }

    public RescoreJob job(ConsoleUser user, String id) {
        JsonNode job = platform.get(user, Service.SCORING, "/api/v1/rescore-jobs/" + PlatformClient.query(id));
        return new RescoreJob(job.path("id").asText(), job.path("modelVersion").asInt(), job.path("status").asText(), job.path("total").asLong(),
                job.path("done").asLong());
    }

    private static ModelVersion version(JsonNode model) {
        JsonNode definition = model.path("definition");
        List<ModelVersion.Weight> weights = new ArrayList<>();
        definition.path("weights").fields().forEachRemaining(entry -> weights.add(new ModelVersion.Weight(entry.getKey(),
                Criterion.labelOf(entry.getKey()), entry.getValue().asDouble())));
        return new ModelVersion(model.path("version").asInt(), model.path("status").asText(), model.path("description").asText(""), weights,
                definition.path("promotionThreshold").asDouble(), definition.path("demotionThreshold").asDouble(),
                definition.path("minimumConfidence").asDouble(), definition.path("minimumPotentialEur").asDouble());
    }
}
