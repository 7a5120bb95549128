package salesrec

import (
	"errors"
	"strconv"

	validation "github.com/go-ozzo/ozzo-validation/v4"
)

// withRepeatedIDs adds to err (the ozzo errors of an engagement, or nil)
// every interaction, action or remark whose id repeats an earlier item's id
// in the same list: a status change or a history entry names an item by
// its id, so two items must never share one. Empty ids (not assigned yet)
// are not compared.
func withRepeatedIDs(err error, e Engagement) error {
	found := validation.Errors{}
	check := func(list string, n int, id func(int) string) {
		seen := make(map[string]bool, n)
		items := validation.Errors{}
		for i := 0; i < n; i++ {
			v := id(i)
			if v == "" {
				continue
			}
			if seen[v] {
				items[strconv.Itoa(i)] = validation.Errors{"id": problem(msgRepeatedID)}
			}
			seen[v] = true
		}
		if len(items) > 0 {
			found[list] = items
		}
	}
	check("interactions", len(e.Interactions), func(i int) string { return e.Interactions[i].ID })
	check("actions", len(e.Actions), func(i int) string { return e.Actions[i].ID })
	check("remarks", len(e.Remarks), func(i int) string { return e.Remarks[i].ID })
	if len(found) == 0 {
		return err
	}
	var prior validation.Errors
	if err != nil && !errors.As(err, &prior) {
		return err // an internal error, not a validation one
	}
	return mergeErrors(prior, found)
}

// mergeErrors merges two ozzo error trees, keeping every leaf of both; where
// both have a leaf at the same path, a's is kept.
func mergeErrors(a, b validation.Errors) validation.Errors {
	out := validation.Errors{}
	for k, v := range b {
		out[k] = v
	}
	for k, v := range a {
		av, aok := v.(validation.Errors)
		bv, bok := out[k].(validation.Errors)
		if aok && bok {
			out[k] = mergeErrors(av, bv)
			continue
		}
		out[k] = v
	}
	return out
}
