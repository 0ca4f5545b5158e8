// The encyclopedia's routes under /encyclopedia, and the search bar shown atop every
// other patient page.
import { Route, Routes, useLocation } from 'react-router-dom';
import { EditEntryPage, HistoryPage, ReviewQueuePage } from './EncyclopediaEditPages.tsx';
import { EncyclopediaHomePage, EncyclopediaSearchBox, EntryPage } from './EncyclopediaPages.tsx';

export function EncyclopediaRoutes() {
  return (
    <Routes>
      <Route index element={<EncyclopediaHomePage />} />
      <Route path="new" element={<EditEntryPage />} />
      <Route path="reviews" element={<ReviewQueuePage />} />
      <Route path=":slug" element={<EntryPage />} />
      <Route path=":slug/history" element={<HistoryPage />} />
      <Route path=":slug/edit" element={<EditEntryPage />} />
    </Routes>
  );
}

/** A compact encyclopedia search on every patient page (the encyclopedia's own page has the full one). */
export function EncyclopediaSearchBar() {
  const { pathname } = useLocation();
  if (pathname === '/encyclopedia') return null;
  return (
    <div className="enc-searchbar">
      <EncyclopediaSearchBox compact />
    </div>
  );
}
