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
pub fn clusters(n: usize, edges: &[Edge]) -> Vec<Vec<u32>> {
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
    fn components_join_through_shared_members() {
        let c = clusters(6, &[edge(0, 3), edge(3, 5), edge(1, 2)]);
        assert_eq!(c, vec![vec![0, 3, 5], vec![1, 2]]);
    }
}
