package dev.faultline.observer.integrity;

import dev.faultline.observer.load.AcknowledgedWrite;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A store the acknowledged writes are read back from: DynamoDB, the system's API, or a SQL table. */
public interface AcknowledgedStore {

    /**
     * @param ids      every acknowledged id
     * @param writes   the acknowledged writes with their bodies, by id (several when an id was acknowledged more
     *                 than once); ids without an entry are checked for presence only
     * @param deadline when the read-back gives up: an error, never a partial answer
     */
    StoreContents read(Set<String> ids, Map<String, List<AcknowledgedWrite>> writes, Instant deadline);

    /** How it reads, for the report's method. */
    String method();
}
