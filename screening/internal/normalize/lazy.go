package normalize

import (
	"sync"
	"sync/atomic"
)

// lazy is a table built on first use by build, as sync.OnceValue builds
// a value: a program that never meets a script never pays for its
// tables. The stages ask for their tables dozens of times a name; once
// the table is built, get inlines to two loads, where the function that
// sync.OnceValue returns is a call. A lazy is a package variable, never
// copied.
type lazy[T any] struct {
	done  atomic.Bool
	once  sync.Once
	v     T
	build func() T
}

// get returns the table, building it on the first call. It is safe for
// concurrent use.
func (l *lazy[T]) get() T {
	if l.done.Load() {
		return l.v
	}
	return l.init()
}

// init builds the table once.
func (l *lazy[T]) init() T {
	l.once.Do(func() {
		l.v = l.build()
		l.done.Store(true)
	})
	return l.v
}
