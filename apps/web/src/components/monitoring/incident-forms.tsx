// The incident forms moved to components/incidents; kept here so older imports still resolve.
export { IncidentNoteForm, IncidentUpdateForm, LogEventForm, ContainmentForm, RootCauseForm, type MemberOption } from "@/components/incidents/incident-forms";
