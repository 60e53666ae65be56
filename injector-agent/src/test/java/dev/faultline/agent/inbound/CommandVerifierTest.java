package dev.faultline.agent.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faultline.agent.testing.AgentFixture;
import dev.faultline.agent.testing.Commands;
import dev.faultline.agent.testing.FakeContainerRuntime;
import dev.faultline.agent.testing.MutableClock;
import dev.faultline.agent.testing.RecordingEventPublisher;
import dev.faultline.common.command.ChaosCommand;
import dev.faultline.common.command.CommandSignatures;
import dev.faultline.common.command.SignedCommand;
import dev.faultline.common.event.CommandRejected;
import dev.faultline.common.event.FaultInjected;
import dev.faultline.common.json.ChaosJson;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Only our orchestrator's fresh, untampered, first-seen commands are obeyed. */
class CommandVerifierTest {

    private static final KeyPair OURS = CommandSignatures.generateKeyPair();
    private static final KeyPair STRANGER = CommandSignatures.generateKeyPair();
    private static final String OUR_KEY_ID = CommandSignatures.keyId(OURS.getPublic());

    private final MutableClock clock = new MutableClock(Commands.T0);
    private final CommandVerifier verifier = new CommandVerifier(Optional.of(OURS.getPublic()), Duration.ofSeconds(5),
            Duration.ofMinutes(5), clock);
    private final ChaosCommand command = Commands.pause("agent-a", "run-1", "c1", "f-1");

    @Test
    void aFreshSignedCommandIsAccepted() {
        assertThat(verifier.verify(signedByUs(command))).isEqualTo(new CommandVerifier.Accepted(command));
    }

    @Test
    void unsignedIsRejected() {
        assertThat(reason(ChaosJson.write(command))).isEqualTo("unsigned");
    }

    @Test
    void forgedWithAnotherKeyIsRejectedEvenWhenItClaimsOurKeyId() {
        SignedCommand forged = CommandSignatures.sign(command, STRANGER.getPrivate(), OUR_KEY_ID, clock.instant(),
                Duration.ofSeconds(60));
        assertThat(reason(ChaosJson.write(forged))).isEqualTo("bad-signature");

        SignedCommand honestStranger = CommandSignatures.sign(command, STRANGER.getPrivate(),
                CommandSignatures.keyId(STRANGER.getPublic()), clock.instant(), Duration.ofSeconds(60));
        assertThat(reason(ChaosJson.write(honestStranger))).isEqualTo("unknown-key");
    }

    @Test
    void alteredAfterSigningIsRejected() throws Exception {
        ObjectNode tree = (ObjectNode) ChaosJson.messages().readTree(signedByUs(command));
        ((ObjectNode) tree.get("command")).put("faultId", "f-other");
        assertThat(reason(tree.toString())).isEqualTo("bad-signature");

        ObjectNode stretched = (ObjectNode) ChaosJson.messages().readTree(signedByUs(command));
        stretched.put("expiresAt", Commands.T0.plusSeconds(3000).toString());
        assertThat(reason(stretched.toString())).isEqualTo("bad-signature");
    }

    @Test
    void anInstantMovedAfterSigningIsRejected() throws Exception {
        ChaosCommand ahead = Commands.inject("agent-a", "c1", "f-1", Commands.dockerKill())
                .withExecuteAt(Commands.T0.plusMillis(500));
        assertThat(verifier.verify(signedByUs(ahead))).isEqualTo(new CommandVerifier.Accepted(ahead));

        ObjectNode moved = (ObjectNode) ChaosJson.messages().readTree(signedByUs(ahead));
        ((ObjectNode) moved.get("command")).put("executeAt", Commands.T0.plusSeconds(30).toString());
        assertThat(reason(moved.toString())).isEqualTo("bad-signature");
    }

    @Test
    void expiredIsRejected() {
        String signed = signedByUs(command);
        clock.advance(Duration.ofSeconds(60 + 5 + 1));
        assertThat(reason(signed)).isEqualTo("expired");
    }

    @Test
    void replayedIsRejectedOnTheSecondDelivery() {
        String signed = signedByUs(command);
        assertThat(verifier.verify(signed)).isInstanceOf(CommandVerifier.Accepted.class);
        clock.advance(Duration.ofSeconds(10));
        assertThat(reason(signed)).isEqualTo("replayed");
    }

    @Test
    void fromTheFutureOrValidForTooLongIsRejected() {
        SignedCommand future = CommandSignatures.sign(command, OURS.getPrivate(), OUR_KEY_ID,
                clock.instant().plusSeconds(60), Duration.ofSeconds(60));
        assertThat(reason(ChaosJson.write(future))).isEqualTo("not-yet-valid");
        SignedCommand forever = CommandSignatures.sign(command, OURS.getPrivate(), OUR_KEY_ID, clock.instant(),
                Duration.ofDays(30));
        assertThat(reason(ChaosJson.write(forever))).isEqualTo("expired");
    }

    @Test
    void garbageAndNoKeyAreRejected() {
        assertThat(reason("{ not json")).isEqualTo("malformed");
        assertThat(reason("[1,2]")).isEqualTo("malformed");
        assertThat(reason("{\"command\": 3, \"signature\": \"x\"}")).isEqualTo("malformed");
        CommandVerifier keyless = new CommandVerifier(Optional.empty(), Duration.ofSeconds(5), Duration.ofMinutes(5),
                clock);
        assertThat(((CommandVerifier.Rejected) keyless.verify(signedByUs(command))).reason()).isEqualTo("no-public-key");
    }

    @Test
    void theConsumerActsOnlyOnVerifiedCommandsAndReportsTheRest() {
        AgentFixture agent = AgentFixture.withRealExecutors();
        agent.runtime.add(FakeContainerRuntime.running("c1", true));
        RecordingEventPublisher events = agent.events;
        CommandConsumer consumer = new CommandConsumer(new TestConfig(agent.agentId), agent.router, verifierAt(agent.clock),
                agent.recovery, events, agent.clock);
        ChaosCommand mine = Commands.pause(agent.agentId, "run-1", "c1", "f-1");

        assertThat(consumer.handle(ChaosJson.write(mine), "test@0")).isFalse();
        assertThat(agent.runtime.paused()).isEmpty();
        CommandRejected rejected = events.of(CommandRejected.class).get(0);
        assertThat(rejected.reason()).isEqualTo("unsigned");
        assertThat(rejected.commandMessageId()).isEqualTo(mine.messageId());
        assertThat(rejected.agentId()).isEqualTo(agent.agentId);

        String signed = ChaosJson.write(CommandSignatures.sign(mine, OURS.getPrivate(), OUR_KEY_ID,
                agent.clock.instant(), Duration.ofSeconds(60)));
        assertThat(consumer.handle(signed, "test@1")).isTrue();
        assertThat(agent.runtime.paused()).containsExactly("c1");
        assertThat(events.of(FaultInjected.class)).hasSize(1);
        assertThat(consumer.handle(signed, "test@2")).isFalse();
        assertThat(events.of(CommandRejected.class)).extracting(CommandRejected::reason)
                .containsExactly("unsigned", "replayed");
    }

    private CommandVerifier verifierAt(MutableClock at) {
        return new CommandVerifier(Optional.of(OURS.getPublic()), Duration.ofSeconds(5), Duration.ofMinutes(5), at);
    }

    private String signedByUs(ChaosCommand c) {
        return ChaosJson.write(CommandSignatures.sign(c, OURS.getPrivate(), OUR_KEY_ID, clock.instant(),
                Duration.ofSeconds(60)));
    }

    private String reason(String payload) {
        CommandVerifier.Verdict verdict = verifier.verify(payload);
        assertThat(verdict).isInstanceOf(CommandVerifier.Rejected.class);
        return ((CommandVerifier.Rejected) verdict).reason();
    }

    /** Just the agent id; the consumer reads nothing else of the configuration. */
    private record TestConfig(String id) implements dev.faultline.agent.config.AgentConfig {
        @Override
        public Duration heartbeatInterval() {
            return Duration.ofSeconds(2);
        }

        @Override
        public String dockerHost() {
            return "unix:///var/run/docker.sock";
        }

        @Override
        public Optional<String> ledgerDir() {
            return Optional.empty();
        }

        @Override
        public Duration maxFaultDuration() {
            return Duration.ofMinutes(10);
        }

        @Override
        public int maxActiveFaults() {
            return 20;
        }

        @Override
        public Duration platformWatchAfter() {
            return Duration.ofSeconds(120);
        }

        @Override
        public OptIn optIn() {
            return new OptIn() {
                @Override
                public Optional<java.util.List<String>> composeProjects() {
                    return Optional.empty();
                }

                @Override
                public Optional<java.util.List<String>> labels() {
                    return Optional.empty();
                }
            };
        }

        @Override
        public Optional<String> containerId() {
            return Optional.empty();
        }

        @Override
        public Ecs ecs() {
            return new Ecs() {
                @Override
                public boolean enabled() {
                    return false;
                }

                @Override
                public Optional<String> endpoint() {
                    return Optional.empty();
                }

                @Override
                public Optional<String> region() {
                    return Optional.empty();
                }

                @Override
                public boolean taskSidecar() {
                    return false;
                }
            };
        }
    }
}
