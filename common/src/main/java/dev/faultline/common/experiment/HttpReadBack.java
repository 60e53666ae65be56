package dev.faultline.common.experiment;

import dev.faultline.common.validation.Checks;

/**
 * Acknowledged writes read back through the system's own API ({@code integrity.readBack}): one GET per
 * acknowledged id, whose JSON answer must carry the fields the write sent and its acknowledgement returned.
 *
 * @param url            absolute http(s) URL with the placeholder {@code {id}}, replaced by the URL-encoded id
 * @param expectedStatus the status of an id that is found (default 200); 404 and 410 mean not found, any other
 *                       status makes the read-back fail (the store did not answer, so nothing is concluded)
 */
public record HttpReadBack(String url, Integer expectedStatus) {

    public static final String ID_PLACEHOLDER = "{id}";

    public HttpReadBack {
        expectedStatus = expectedStatus == null ? 200 : expectedStatus;
        Checks.start()
                .notBlank(url, "url")
                .require(url == null || HttpProbe.isHttpUrl(url.replace(ID_PLACEHOLDER, "id")), "url",
                        "must be an absolute http:// or https:// URL, was '" + url + "'")
                .require(url == null || url.contains(ID_PLACEHOLDER), "url",
                        "must contain " + ID_PLACEHOLDER + " where the acknowledged id goes, e.g."
                                + " http://127.0.0.1:8080/items/{id}")
                .inRange(expectedStatus, 200, 299, "expectedStatus")
                .throwIfAny();
    }

    /** The URL of one id. */
    public String urlOf(String encodedId) {
        return url.replace(ID_PLACEHOLDER, encodedId);
    }
}
