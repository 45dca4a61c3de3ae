//! Passes over the whole set of types: dropping types whose docs failed (and those
//! that refer to them), boxing references that close a cycle, and deciding which
//! structs derive `Default`.

use super::{Kind, Presence, Slot, Ty, TypeDef, TypeId};
use crate::error::{Diagnostic, ErrorKind};

/// Removes types whose doc failed, and (transitively) types that reference them,
/// renumbering the rest.
pub(super) fn drop_failed(types: &mut Vec<TypeDef>, failed: &[bool], errors: &mut Vec<Diagnostic>) {
    let mut dead = failed.to_vec();
    loop {
        let mut changed = false;
        for (id, t) in types.iter().enumerate() {
            if dead[id] {
                continue;
            }
            if let Some(bad) = t.kind.refs().into_iter().find(|r| dead[r.index()]) {
                dead[id] = true;
                changed = true;
                errors.push(Diagnostic::new(
                    ErrorKind::LinkToBroken,
                    &t.source,
                    None,
                    format!(
                        "`{}` refers to `{}`, which has errors (see {})",
                        t.title,
                        types[bad].title,
                        types[bad].source.display()
                    ),
                ));
            }
        }
        if !changed {
            break;
        }
    }
    let mut new_id = vec![TypeId(usize::MAX); types.len()];
    let mut next = 0;
    for (id, d) in dead.iter().enumerate() {
        if !d {
            new_id[id] = TypeId(next);
            next += 1;
        }
    }
    let old = std::mem::take(types);
    for (id, mut t) in old.into_iter().enumerate() {
        if dead[id] {
            continue;
        }
        for (_, ty) in t.kind.tys_mut() {
            ty.visit_named_mut(&mut |r| *r = new_id[r.index()]);
        }
        types.push(t);
    }
}

/// The types a value of `ty` contains inline (not behind a Vec or map).
fn inline_refs(ty: &Ty, out: &mut Vec<TypeId>) {
    match ty {
        Ty::Named(id) => out.push(*id),
        Ty::Nullable(t) => inline_refs(t, out),
        _ => {}
    }
}

/// Boxes every inline reference that closes a cycle of inline containment (which
/// would give the type infinite size). References through Vec or maps, and the
/// values of a struct's map of extra keys, need no box.
pub(super) fn break_cycles(types: &mut [TypeDef]) {
    let mut edges: Vec<Vec<TypeId>> = vec![Vec::new(); types.len()];
    for (id, t) in types.iter().enumerate() {
        for (slot, ty) in t.kind.tys() {
            if slot != Slot::Extra {
                inline_refs(ty, &mut edges[id]);
            }
        }
    }
    let scc = scc_ids(&edges);
    fn wrap(ty: &mut Ty, same_cycle: &dyn Fn(TypeId) -> bool) {
        match ty {
            Ty::Named(to) if same_cycle(*to) => {
                let inner = std::mem::replace(ty, Ty::Bool);
                *ty = Ty::Boxed(Box::new(inner));
            }
            Ty::Nullable(t) => wrap(t, same_cycle),
            _ => {}
        }
    }
    for (id, t) in types.iter_mut().enumerate() {
        for (slot, ty) in t.kind.tys_mut() {
            if slot != Slot::Extra {
                wrap(ty, &|to| scc[id] == scc[to.index()]);
            }
        }
    }
}

/// Strongly connected component ids (iterative Tarjan), so deep reference chains
/// cannot overflow the stack. A node with a self-edge shares its id with itself, and
/// a node alone on no cycle gets a unique id as well; self-edges are cycles.
fn scc_ids(edges: &[Vec<TypeId>]) -> Vec<usize> {
    let n = edges.len();
    let mut index = vec![usize::MAX; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut stack = Vec::new();
    let mut comp = vec![usize::MAX; n];
    let mut next_index = 0;
    let mut next_comp = 0;
    for start in 0..n {
        if index[start] != usize::MAX {
            continue;
        }
        let mut call: Vec<(usize, usize)> = vec![(start, 0)];
        index[start] = next_index;
        low[start] = next_index;
        next_index += 1;
        stack.push(start);
        on_stack[start] = true;
        while let Some(&mut (v, ref mut ei)) = call.last_mut() {
            if *ei < edges[v].len() {
                let w = edges[v][*ei].index();
                *ei += 1;
                if index[w] == usize::MAX {
                    index[w] = next_index;
                    low[w] = next_index;
                    next_index += 1;
                    stack.push(w);
                    on_stack[w] = true;
                    call.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
            } else {
                call.pop();
                if let Some(&(parent, _)) = call.last() {
                    low[parent] = low[parent].min(low[v]);
                }
                if low[v] == index[v] {
                    while let Some(w) = stack.pop() {
                        on_stack[w] = false;
                        comp[w] = next_comp;
                        if w == v {
                            break;
                        }
                    }
                    next_comp += 1;
                }
            }
        }
    }
    comp
}

/// A struct derives `Default` when every field can start empty: optional and nullable
/// fields always can; required ones when their type can (fixpoint over references).
pub(super) fn mark_default(types: &mut [TypeDef]) {
    let mut ok: Vec<bool> = types
        .iter()
        .map(|t| matches!(t.kind, Kind::Struct(_) | Kind::Const(_)))
        .collect();
    fn ty_ok(ty: &Ty, ok: &[bool]) -> bool {
        match ty {
            Ty::Named(id) => ok[id.index()],
            Ty::Boxed(t) => ty_ok(t, ok),
            _ => true,
        }
    }
    loop {
        let mut changed = false;
        for (id, t) in types.iter().enumerate() {
            if !ok[id] {
                continue;
            }
            if let Kind::Struct(s) = &t.kind {
                let all = s
                    .fields
                    .iter()
                    .all(|f| f.presence != Presence::Required || ty_ok(&f.ty, &ok));
                if !all {
                    ok[id] = false;
                    changed = true;
                }
            }
        }
        if !changed {
            break;
        }
    }
    for (id, t) in types.iter_mut().enumerate() {
        if let Kind::Struct(s) = &mut t.kind {
            s.derive_default = ok[id];
        }
    }
}

/// Marks the structs that are union members (directly, boxed or nullable): their
/// shape is emitted once, beside them, for every union that holds them.
pub(super) fn mark_union_members(types: &mut [TypeDef]) {
    let mut member = vec![false; types.len()];
    for t in types.iter() {
        if let Kind::Union(u) = &t.kind {
            for m in &u.members {
                let mut ty = &m.ty;
                while let Ty::Boxed(inner) | Ty::Nullable(inner) = ty {
                    ty = inner;
                }
                if let Ty::Named(id) = ty {
                    member[id.index()] = true;
                }
            }
        }
    }
    for (t, m) in types.iter_mut().zip(member) {
        if let Kind::Struct(s) = &mut t.kind {
            s.union_member = m;
        }
    }
}
