-- The clinical notes of a group session: its narrative (topic, curriculum, notes) and each
-- participant's note (participation level, individual response, goal progress). Each has its own
-- version so that two people writing the same note cannot overwrite each other silently, and so
-- that a note and an attendance mark on the same row never refuse each other: the room marks
-- while someone writes.
ALTER TABLE cl_group_sessions ADD COLUMN narrative_version int NOT NULL DEFAULT 1;
ALTER TABLE cl_group_attendance ADD COLUMN note_version int NOT NULL DEFAULT 1;

-- The application checks the lengths first and names the field (ClinicalNoteText). The session
-- keeps the same bounds as a constraint; attendance rows do not, because PostgreSQL rebuilds a
-- table's check expressions for every statement that writes it, and every mark writes a row.
ALTER TABLE cl_group_sessions
  ADD CONSTRAINT cl_group_sessions_narrative_length
  CHECK (length(topic) <= 200 AND length(curriculum) <= 200 AND length(notes) <= 8000);
