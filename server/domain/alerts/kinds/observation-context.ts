// What one evaluation cycle reads once for all its rules, through the owning contexts: the groups of
// each cluster scope, the topics each team owns, cluster names and the lag of every group (1,000
// rules would otherwise read them 1,000 times).
import { clusterNames, listClusterRefs, type ClusterRef } from "@/server/domain/connections";
import { lagForGroups, listGroupRefs, type GroupLag, type GroupRef } from "@/server/domain/consumers";
import { listTopicRefs, type TopicRef } from "@/server/domain/topics";
import { GlobIndex } from "@/server/lib/glob-index";
import { globMatcher } from "@/server/lib/safe-regex";

/** The parts of a rule an evaluation needs. */
export type RuleScope = {
  kind: string;
  threshold: number;
  clusterId: string | null;
  /** only connections of this broker kind (null: every broker) */
  brokerKind?: string | null;
  target: string;
  ownerTeam: string | null;
};

export class ObservationContext {
  private lag: Promise<Map<string, GroupLag>> | null = null;
  private names: Promise<Map<string, string>> | null = null;
  private clusterList: Promise<ClusterRef[]> | null = null;
  private readonly groupsByScope = new Map<string, Promise<GroupRef[]>>();
  private readonly groupIndexByScope = new Map<string, Promise<GlobIndex<GroupRef>>>();
  private readonly ownedByTeam = new Map<string, Promise<Set<string>>>();
  constructor(
    private readonly lagOptions: { minIdleMs?: number },
    /** the evaluation's clock */
    readonly now: Date = new Date(),
  ) {}

  async clusterName(id: string): Promise<string> {
    return (await this.clusterNameMap()).get(id) ?? id;
  }

  /** The connections a rule may see: its one connection, those of its broker kind, or all. */
  async inScope(rule: RuleScope, clusterId: string): Promise<boolean> {
    return (await this.scopeTest(rule))(clusterId);
  }

  /** inScope as a plain test, for a rule's thousands of groups (one await each added up to seconds). */
  private async scopeTest(rule: RuleScope): Promise<(clusterId: string) => boolean> {
    const one = rule.clusterId;
    if (!rule.brokerKind) return one ? (id) => id === one : () => true;
    const ofKind = new Set((await this.clusters()).filter((c) => c.kind === rule.brokerKind).map((c) => c.id));
    return (id) => (!one || id === one) && ofKind.has(id);
  }

  private clusterNameMap(): Promise<Map<string, string>> {
    this.names ??= clusterNames();
    return this.names;
  }

  clusters(): Promise<ClusterRef[]> {
    this.clusterList ??= listClusterRefs();
    return this.clusterList;
  }

  private scopeGroups(clusterId: string | null): Promise<GroupRef[]> {
    const key = clusterId ?? "";
    let rows = this.groupsByScope.get(key);
    if (!rows) {
      rows = listGroupRefs(clusterId ? { clusterIds: [clusterId] } : {});
      this.groupsByScope.set(key, rows);
    }
    return rows;
  }

  /** A scope's groups, found by group id pattern without testing each (most rules name a group or a prefix). */
  private scopeGroupIndex(clusterId: string | null): Promise<GlobIndex<GroupRef>> {
    const key = clusterId ?? "";
    let index = this.groupIndexByScope.get(key);
    if (!index) {
      index = this.scopeGroups(clusterId).then((groups) => new GlobIndex(groups, (g) => g.groupId));
      this.groupIndexByScope.set(key, index);
    }
    return index;
  }

  private ownedTopics(team: string): Promise<Set<string>> {
    let owned = this.ownedByTeam.get(team);
    if (!owned) {
      owned = listTopicRefs({ ownerTeam: team }).then((topics) => new Set(topics.map((t) => `${t.clusterId}/${t.name}`)));
      this.ownedByTeam.set(team, owned);
    }
    return owned;
  }

  /** The rule's groups: target glob, connection and broker kind, and — for a team's rule — reading a topic the team owns. */
  async groupsInScope(rule: RuleScope): Promise<GroupRef[]> {
    const groups = (await this.scopeGroupIndex(rule.clusterId)).matching(rule.target);
    const owned = rule.ownerTeam ? await this.ownedTopics(rule.ownerTeam) : null;
    const inScope = await this.scopeTest(rule);
    return groups.filter((g) => (!owned || g.topics.some((t) => owned.has(`${g.clusterId}/${t}`))) && inScope(g.clusterId));
  }

  /** The rule's groups (groupsInScope) with their lag. */
  async groupsWithLag(rule: RuleScope): Promise<{ group: GroupRef; lag: GroupLag; cluster: string }[]> {
    const chosen = await this.groupsInScope(rule);
    this.lag ??= this.scopeGroups(null).then((all) =>
      lagForGroups(
        all.map((g) => g.id),
        this.lagOptions,
      ),
    );
    const lag = await this.lag;
    const names = await this.clusterNameMap();
    const out = [];
    for (const g of chosen) {
      const l = lag.get(g.id);
      if (l) out.push({ group: g, lag: l, cluster: names.get(g.clusterId) ?? g.clusterId });
    }
    return out;
  }

  /** The rule's dead-letter queues (target glob, cluster, team). */
  async deadLetterQueues(rule: RuleScope, ids?: string[]): Promise<(TopicRef & { cluster: string })[]> {
    const topics = await listTopicRefs({
      deadLetter: true,
      ...(ids ? { ids } : {}),
      ...(rule.clusterId ? { clusterIds: [rule.clusterId] } : {}),
      ...(rule.ownerTeam ? { ownerTeam: rule.ownerTeam } : {}),
    });
    const matches = globMatcher(rule.target);
    const inScope = await this.scopeTest(rule);
    const names = await this.clusterNameMap();
    return topics
      .filter((t) => matches(t.name) && inScope(t.clusterId))
      .map((t) => ({ ...t, cluster: names.get(t.clusterId) ?? t.clusterId }));
  }
}
