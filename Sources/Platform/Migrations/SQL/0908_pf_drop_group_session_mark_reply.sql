-- The mark's reply is read by its own statements since Clinical 0907; nothing calls this join.
DROP FUNCTION pf_group_session_mark_reply(uuid, uuid);
