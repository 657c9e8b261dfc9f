export interface ScoredMember {
  member: string;
  score: number;
}

/** Members ordered by (score, member), as Redis orders a sorted set. */
export class SortedSet {
  readonly scores = new Map<string, number>();
  readonly ordered: ScoredMember[] = [];

  get size(): number {
    return this.ordered.length;
  }

  /** Index of the first entry not less than (score, member). */
  private lowerBound(score: number, member: string): number {
    let low = 0;
    let high = this.ordered.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      const entry = this.ordered[mid]!;
      if (entry.score < score || (entry.score === score && entry.member < member)) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  /** Sets the member's score; true when the member is new. */
  set(member: string, score: number): boolean {
    const previous = this.scores.get(member);
    if (previous === score) return false;
    if (previous !== undefined) this.ordered.splice(this.lowerBound(previous, member), 1);
    this.scores.set(member, score);
    this.ordered.splice(this.lowerBound(score, member), 0, { member, score });
    return previous === undefined;
  }

  delete(member: string): boolean {
    const score = this.scores.get(member);
    if (score === undefined) return false;
    this.ordered.splice(this.lowerBound(score, member), 1);
    this.scores.delete(member);
    return true;
  }

  rank(member: string): number | undefined {
    const score = this.scores.get(member);
    return score === undefined ? undefined : this.lowerBound(score, member);
  }

  /** Entries whose score lies within the bounds, in order. */
  byScore(min: ScoreBound, max: ScoreBound): ScoredMember[] {
    const result: ScoredMember[] = [];
    let i = this.lowerBound(min.value, "");
    for (; i < this.ordered.length; i++) {
      const entry = this.ordered[i]!;
      if (min.exclusive && entry.score === min.value) continue;
      if (entry.score > max.value || (max.exclusive && entry.score === max.value)) break;
      result.push(entry);
    }
    return result;
  }
}

export interface ScoreBound {
  value: number;
  exclusive: boolean;
}
