import { can } from "@assay/core";
import { listDatasets, maxUploadBytes } from "@assay/services";
import { Card, EmptyState } from "@/components/ui";
import { pageContext } from "@/lib/context";
import { DatasetTable } from "./dataset-table";
import { UploadDatasetForm } from "./upload-dataset-form";

/** The predictions files of a model version: the table everyone reads, the upload form for dataset writers. */
export async function DatasetsSection({ versionId }: { versionId: string }) {
  const ctx = await pageContext();
  const datasets = await listDatasets(ctx, versionId);
  const canUpload = can(ctx.roles, "dataset.write");

  return (
    <Card title="Datasets">
      <div className="space-y-6">
        {datasets.length === 0 ? (
          <EmptyState title="No datasets yet">
            {canUpload
              ? "Upload a CSV of the model's predictions with the true labels and the sensitive attributes; runs evaluate the plan on it."
              : "A scientist uploads the model's predictions with the true labels and sensitive attributes; they will appear here."}
          </EmptyState>
        ) : (
          <DatasetTable datasets={datasets} caption="Datasets of this version, newest first" />
        )}
        {canUpload && (
          <section aria-labelledby={`upload-${versionId}`} className="space-y-3 border-t border-slate-100 pt-4">
            <h3 id={`upload-${versionId}`} className="text-sm font-semibold text-slate-800">Upload a dataset</h3>
            <UploadDatasetForm versionId={versionId} maxBytes={maxUploadBytes()} />
          </section>
        )}
      </div>
    </Card>
  );
}
