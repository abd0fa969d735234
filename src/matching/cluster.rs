//! Clusters of related pages: connected components of the verified edges.

use super::Edge;

/// Union-find with path halving and union by size.
struct DisjointSets {
    parent: Vec<u32>,
    size: Vec<u32>,
}

impl DisjointSets {
    fn new(n: usize) -> Self {
        DisjointSets {
            parent: (0..n as u32).collect(),
            size: vec![1; n],
        }
    }

    fn find(&mut self, mut x: u32) -> u32 {
        while self.parent[x as usize] != x {
            let grand = self.parent[self.parent[x as usize] as usize];
            self.parent[x as usize] = grand;
            x = grand;
        }
        x
    }

    fn union(&mut self, a: u32, b: u32) {
        let (mut ra, mut rb) = (self.find(a), self.find(b));
        if ra == rb {
            return;
        }
        if self.size[ra as usize] < self.size[rb as usize] {
            std::mem::swap(&mut ra, &mut rb);
        }
        self.parent[rb as usize] = ra;
        self.size[ra as usize] += self.size[rb as usize];
    }
}

/// The clusters of two or more pages, each sorted, in order of their first page.
pub(crate) fn clusters(n: usize, edges: &[Edge]) -> Vec<Vec<u32>> {
    let mut sets = DisjointSets::new(n);
    for e in edges {
        sets.union(e.a, e.b);
    }
    let mut by_root: std::collections::BTreeMap<u32, Vec<u32>> = std::collections::BTreeMap::new();
    for i in 0..n as u32 {
        by_root.entry(sets.find(i)).or_default().push(i);
    }
    let mut out: Vec<Vec<u32>> = by_root.into_values().filter(|c| c.len() > 1).collect();
    out.sort_by_key(|c| c[0]);
    out
}

/// Each page's neighbours along the edges.
pub(crate) fn adjacency(n: usize, edges: &[Edge]) -> Vec<Vec<u32>> {
    let mut adj = vec![Vec::new(); n];
    for e in edges {
        adj[e.a as usize].push(e.b);
        adj[e.b as usize].push(e.a);
    }
    adj
}

/// The connected components of `members` using only edges between them,
/// each sorted, components of one page left out.
pub(crate) fn components_within(members: &[u32], adjacency: &[Vec<u32>]) -> Vec<Vec<u32>> {
    let inside: std::collections::HashSet<u32> = members.iter().copied().collect();
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for &start in members {
        if !seen.insert(start) {
            continue;
        }
        let mut component = vec![start];
        let mut stack = vec![start];
        while let Some(x) = stack.pop() {
            for &y in &adjacency[x as usize] {
                if inside.contains(&y) && seen.insert(y) {
                    component.push(y);
                    stack.push(y);
                }
            }
        }
        if component.len() > 1 {
            component.sort_unstable();
            out.push(component);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edge(a: u32, b: u32) -> Edge {
        Edge {
            a,
            b,
            shared: 1,
            a_in_b: 1.0,
            b_in_a: 1.0,
        }
    }

    #[test]
    fn components_within_a_subset_split_where_the_bridge_was() {
        let edges = [edge(0, 1), edge(1, 2), edge(2, 3), edge(4, 5)];
        let adj = adjacency(6, &edges);
        // Without page 2 (the bridge), 0-1 and 3 part ways.
        assert_eq!(
            components_within(&[0, 1, 3, 4, 5], &adj),
            vec![vec![0, 1], vec![4, 5]]
        );
    }

    #[test]
    fn components_join_through_shared_members() {
        let c = clusters(6, &[edge(0, 3), edge(3, 5), edge(1, 2)]);
        assert_eq!(c, vec![vec![0, 3, 5], vec![1, 2]]);
    }
}
