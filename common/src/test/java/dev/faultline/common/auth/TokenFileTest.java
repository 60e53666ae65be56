package dev.faultline.common.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TokenFileTest {

    @Test
    void onlyHashesAreStoredAndTheyIdentifyTheToken() {
        String line = TokenFile.line("s3cret", Role.OPERATOR, "otto");
        assertThat(line).doesNotContain("s3cret").startsWith(TokenFile.sha256("s3cret"));
        TokenFile tokens = TokenFile.parse(List.of("# comment", "", line), "test");
        assertThat(tokens.identify("s3cret")).contains(new TokenFile.Identity("otto", Role.OPERATOR));
        assertThat(tokens.identify(" s3cret ")).contains(new TokenFile.Identity("otto", Role.OPERATOR));
        assertThat(tokens.identify("other")).isEmpty();
        assertThat(tokens.identify(null)).isEmpty();
        assertThat(tokens.size()).isEqualTo(1);
    }

    @Test
    void badLinesSayWhereAndWhy() {
        assertThatThrownBy(() -> TokenFile.parse(List.of("abc operator x"), "tokens"))
                .hasMessageContaining("tokens:1");
        assertThatThrownBy(() -> TokenFile.parse(List.of("a".repeat(64) + " root x"), "tokens"))
                .hasMessageContaining("unknown role 'root'");
    }

    @Test
    void bearerTakesTheTokenOfTheHeaderOnly() {
        assertThat(TokenFile.bearer("Bearer abc ")).contains("abc");
        assertThat(TokenFile.bearer("bearer abc")).contains("abc");
        assertThat(TokenFile.bearer("Basic abc")).isEmpty();
        assertThat(TokenFile.bearer(null)).isEmpty();
    }
}
