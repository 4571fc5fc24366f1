// The incidents table moved to components/incidents; kept here so older imports still resolve.
export { IncidentsTable, type IncidentRowView } from "@/components/incidents/incidents-table";
