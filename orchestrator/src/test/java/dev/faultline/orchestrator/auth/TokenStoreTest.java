package dev.faultline.orchestrator.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TokenStoreTest {

    @Test
    void onlyHashesAreStoredAndTheyIdentifyTheToken() {
        String line = TokenStore.line("s3cret", Role.OPERATOR, "otto");
        assertThat(line).doesNotContain("s3cret").startsWith(TokenStore.sha256("s3cret"));
        var tokens = TokenStore.parse(List.of("# comment", "", line), "test");
        assertThat(tokens.get(TokenStore.sha256("s3cret"))).isEqualTo(new TokenStore.Identity("otto", Role.OPERATOR));
    }

    @Test
    void badLinesSayWhereAndWhy() {
        assertThatThrownBy(() -> TokenStore.parse(List.of("abc operator x"), "tokens"))
                .hasMessageContaining("tokens:1");
        assertThatThrownBy(() -> TokenStore.parse(List.of("a".repeat(64) + " root x"), "tokens"))
                .hasMessageContaining("unknown role 'root'");
    }
}
