-- The WIG list (wig_summary) is written in the WIG commands' transaction (ADR 22), no longer by the consumer
-- goal-service.wig-summaries of loop.goals: its inbox rows go. What that consumer had not applied at the upgrade is
-- applied at start (WigListCatchUp), from the event store.
delete from inbox where consumer = 'goal-service.wig-summaries';
