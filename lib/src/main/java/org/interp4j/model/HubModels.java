package org.interp4j.model;

import java.io.IOException;
import org.interp4j.io.HubClient;
import org.interp4j.io.HubProgress;
import org.interp4j.io.HubSettings;
import org.interp4j.io.HubSnapshot;

/**
 * Loads a Hugging Face hub model through the standard HF cache: files a Python user already
 * downloaded are reused, missing ones are fetched when online (HF_HUB_OFFLINE=1 forbids it).
 */
final class HubModels {
    private HubModels() {}

    static LanguageModel load(String repoId, String revision, HubSettings settings) throws IOException {
        HubClient client = new HubClient(settings).withKnownModels(ModelSource.KNOWN_HUB_IDS)
                .withProgress(HubProgress.printingTo(System.err));
        HubSnapshot snapshot = client.snapshot(repoId, revision);
        String name = HubClient.DEFAULT_REVISION.equals(revision) ? repoId : repoId + "@" + revision;
        return LanguageModel.fromDirectory(snapshot.folder(), name);
    }
}
