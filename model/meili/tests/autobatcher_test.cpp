// The v1.1 autobatcher rules (spec §3 step 5), one rule per case.
#include "model/meili/autobatcher.hpp"

#include <boost/test/unit_test.hpp>

using namespace taskcheck::meili;
using Tag = AutobatchTask::Tag;

namespace {
AutobatchTask task(TaskUid uid, Tag tag, DocumentMethod method = DocumentMethod::replace) {
    return AutobatchTask{uid, tag, method, true, std::nullopt};
}
Autobatch run(std::vector<AutobatchTask> tasks, bool exists = true) {
    return autobatch(tasks, exists, std::nullopt).value();
}
}  // namespace

BOOST_AUTO_TEST_SUITE(meili_autobatcher)

BOOST_AUTO_TEST_CASE(same_method_additions_batch_and_a_different_method_stops) {
    Autobatch b = run({task(1, Tag::document_import), task(2, Tag::document_import),
                       task(3, Tag::document_import, DocumentMethod::update)});
    BOOST_TEST(b.uids == (std::vector<TaskUid>{1, 2}));
    BOOST_TEST(static_cast<int>(b.kind) == static_cast<int>(BatchKind::document_operation));
}

BOOST_AUTO_TEST_CASE(index_creation_runs_alone_and_stops_a_batch) {
    BOOST_TEST(run({task(1, Tag::index_creation), task(2, Tag::document_import)}).uids ==
               (std::vector<TaskUid>{1}));
    BOOST_TEST(run({task(1, Tag::document_import), task(2, Tag::index_update)}).uids ==
               (std::vector<TaskUid>{1}));
}

BOOST_AUTO_TEST_CASE(index_deletion_absorbs_the_batch_before_it_and_closes_it) {
    Autobatch b = run({task(1, Tag::document_import), task(2, Tag::settings),
                       task(3, Tag::index_deletion), task(4, Tag::document_import)});
    BOOST_TEST(b.uids == (std::vector<TaskUid>{1, 2, 3}));
    BOOST_TEST(static_cast<int>(b.kind) == static_cast<int>(BatchKind::index_deletion));
}

BOOST_AUTO_TEST_CASE(clear_absorbs_deletions_and_clears_but_not_additions) {
    Autobatch b = run({task(1, Tag::document_deletion), task(2, Tag::document_clear),
                       task(3, Tag::document_deletion), task(4, Tag::document_import)});
    BOOST_TEST(b.uids == (std::vector<TaskUid>{1, 2, 3}));
    BOOST_TEST(static_cast<int>(b.kind) == static_cast<int>(BatchKind::document_clear));
}

BOOST_AUTO_TEST_CASE(settings_after_documents_combine_but_documents_after_settings_do_not) {
    Autobatch b = run(
        {task(1, Tag::document_import), task(2, Tag::settings), task(3, Tag::document_deletion)});
    BOOST_TEST(b.uids == (std::vector<TaskUid>{1, 2}));
    BOOST_TEST(static_cast<int>(b.kind) ==
               static_cast<int>(BatchKind::settings_and_document_operation));
    BOOST_TEST(
        run({task(1, Tag::settings), task(2, Tag::settings), task(3, Tag::document_import)}).uids ==
        (std::vector<TaskUid>{1, 2}));
}

BOOST_AUTO_TEST_CASE(creation_rights_change_breaks_the_batch_on_a_missing_index) {
    AutobatchTask no_right = task(1, Tag::document_import);
    no_right.allow_index_creation = false;
    std::vector<AutobatchTask> tasks{no_right, task(2, Tag::document_import)};
    BOOST_TEST(autobatch(tasks, false, std::nullopt)->uids == (std::vector<TaskUid>{1}));
    BOOST_TEST(autobatch(tasks, true, std::nullopt)->uids == (std::vector<TaskUid>{1, 2}));
}

BOOST_AUTO_TEST_CASE(additions_with_different_primary_keys_do_not_batch) {
    AutobatchTask a = task(1, Tag::document_import);
    a.primary_key = "id";
    AutobatchTask b = task(2, Tag::document_import);
    b.primary_key = "uid";
    BOOST_TEST(autobatch({a, b}, false, std::nullopt)->uids == (std::vector<TaskUid>{1}));
    // A batch that set a key only takes tasks with that same key while the index has none.
    BOOST_TEST(autobatch({a, task(2, Tag::document_import)}, false, std::nullopt)->uids ==
               (std::vector<TaskUid>{1}));
    b.primary_key = "id";
    BOOST_TEST(autobatch({a, b}, false, std::nullopt)->uids == (std::vector<TaskUid>{1, 2}));
}

BOOST_AUTO_TEST_SUITE_END()
