package io.rubrix.annotation.team;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.rubrix.model.error.ApiException;
import io.rubrix.model.team.Claim;
import io.rubrix.model.team.Team;
import io.smallrye.mutiny.Uni;

/**
 * The queue's claims (ADR 0012): a record the caller holds resumed (theirs while their claim lives, claimed again when
 * it lapsed), or a candidate claimed, each written over the version it was decided on so that N people at once never
 * hold more slots of a record than it has; the caller's hold names the record they were handed.
 */
@ApplicationScoped
class QueueClaims {

    private final TeamWrites writes;
    private final TeamRules rules;
    private final QueueHolds holds;
    private final CandidatePool pool;

    QueueClaims(TeamWrites writes, TeamRules rules, QueueHolds holds, CandidatePool pool) {
        this.writes = writes;
        this.rules = rules;
        this.holds = holds;
        this.pool = pool;
    }

    /** The first of the records the caller holds that is still theirs (or theirs to claim again). */
    Uni<Optional<TeamView>> resumeFirst(Asking asking, List<String> held, int at) {
        if (at >= held.size()) {
            return Uni.createFrom().item(Optional.empty());
        }
        String id = held.get(at);
        return resume(asking, id).chain(found -> {
            if (found.isEmpty()) {
                return resumeFirst(asking, held, at + 1);
            }
            hold(asking, id);
            return Uni.createFrom().item(Optional.of(found.get().claimed(found.get().claimedUntil(), 1)));
        });
    }

    /**
     * The first of {@code candidates}, from {@code at} on, that still has a slot for the caller, claimed for them and
     * held; a candidate that could not be claimed is left out of the dataset's pool.
     */
    Uni<Optional<TeamView>> claimFirst(Asking asking, List<TeamWrites.Current> candidates, int at) {
        if (at >= candidates.size()) {
            return Uni.createFrom().item(Optional.empty());
        }
        TeamWrites.Current candidate = candidates.get(at);
        if (!rules.open(asking.dataset(), candidate.team(), asking.user(), Instant.now())) {
            return claimFirst(asking, candidates, at + 1);
        }
        String id = candidate.stored().record().id().value();
        return claimed(asking, candidate, false).chain(found -> {
            if (found.isPresent()) {
                hold(asking, id);
                return Uni.createFrom().item(found);
            }
            pool.leaveOut(RecentlyWritten.scope(asking.index(), asking.dataset()), id);
            return claimFirst(asking, candidates, at + 1);
        });
    }

    private void hold(Asking asking, String id) {
        holds.hold(RecentlyWritten.scope(asking.index(), asking.dataset()), asking.user(), id);
    }

    /** A record the caller holds: theirs while their claim lives, claimed again when it lapsed. */
    private Uni<Optional<TeamView>> resume(Asking asking, String id) {
        // a hold on a record deleted since (or a dataset logged again) holds nothing
        return writes.read(asking.index(), asking.task(), id).map(Optional::of)
                .onFailure(QueueClaims::missing).recoverWithItem(Optional.empty())
                .chain(found -> {
                    if (found.isEmpty()) {
                        return Uni.createFrom().item(Optional.<TeamView>empty());
                    }
                    TeamWrites.Current current = found.get();
                    Team team = current.team();
                    String user = asking.user();
                    if (team.responseOf(user).filter(response -> response.status().answers()).isPresent()) {
                        return Uni.createFrom().item(Optional.<TeamView>empty());
                    }
                    Optional<Claim> live = team.claimOf(user).filter(claim -> claim.activeAt(Instant.now()));
                    if (live.isPresent()) {
                        return Uni.createFrom().item(Optional.of(TeamView.of(current.stored().version().toString(),
                                current.stored().record(), team, user, false).claimed(live.get().until(), 0)));
                    }
                    return claimed(asking, current, team.responseOf(user).isPresent());
                });
    }

    /**
     * The record claimed for the caller over {@code current} (deciding again over a newer version), if it still has a
     * slot for them or holds their draft; a record that others keep changing is left for the next candidate.
     */
    private Uni<Optional<TeamView>> claimed(Asking asking, TeamWrites.Current current, boolean ownDraft) {
        String user = asking.user();
        return writes.<Instant>changeFrom(asking.dataset(), asking.task(), current, latest -> {
            Instant now = Instant.now();
            boolean mine = ownDraft && latest.team().responseOf(user).filter(r -> !r.status().answers()).isPresent();
            if (!mine && !rules.open(asking.dataset(), latest.team(), user, now)) {
                return Optional.empty();
            }
            Team claimed = rules.claim(asking.dataset(), latest.stored().record(), latest.team(), user, now);
            return Optional.of(new TeamWrites.Decision<>(latest.stored().record(), claimed,
                    claimed.claimOf(user).orElseThrow().until()));
        }, "false").map(written -> written.map(done -> TeamView.of(done.version().toString(), done.decision().record(),
                done.decision().team(), user, false).claimed(done.decision().result(), 0)))
                .onFailure(TeamWrites.Contended.class).recoverWithItem(Optional.empty())
                // deleted since it was found (a pooled or searched candidate): nothing to claim
                .onFailure(QueueClaims::missing).recoverWithItem(Optional.empty());
    }

    private static boolean missing(Throwable failure) {
        return failure instanceof ApiException missing && missing.problem().status() == 404;
    }
}
