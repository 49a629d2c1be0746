#include "model/meili/task.hpp"

namespace taskcheck::meili {

Details to_failed(Details details) {
    if (auto* d = std::get_if<DocumentAdditionDetails>(&details)) d->indexed_documents = 0;
    if (auto* d = std::get_if<DocumentDeletionDetails>(&details)) d->deleted_documents = 0;
    if (auto* d = std::get_if<ClearAllDetails>(&details)) d->deleted_documents = 0;
    if (auto* d = std::get_if<TaskCancelationDetails>(&details)) d->canceled_tasks = 0;
    if (auto* d = std::get_if<TaskDeletionDetails>(&details)) d->deleted_tasks = 0;
    return details;
}

Details default_finished(Details details) {
    if (auto* d = std::get_if<DocumentAdditionDetails>(&details)) d->indexed_documents = 0;
    if (auto* d = std::get_if<DocumentDeletionDetails>(&details)) d->deleted_documents = 0;
    if (auto* d = std::get_if<TaskCancelationDetails>(&details)) d->canceled_tasks = 0;
    if (auto* d = std::get_if<TaskDeletionDetails>(&details)) d->deleted_tasks = 0;
    // ClearAll keeps deletedDocuments: null (B, the Batch::IndexDeletion arm; spec §2.1).
    return details;
}

}  // namespace taskcheck::meili
