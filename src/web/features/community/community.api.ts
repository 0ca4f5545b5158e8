// Shapes of the community API as the web app uses them (the server's schemas are the source).
export interface Forum {
  id: string;
  slug: string;
  title: string;
  description: string;
  kind: 'topic' | 'condition';
  sensitive: boolean;
  entrySlugs: string[];
  threadCount: number;
  lastPostAt: string | null;
}

export interface Author {
  displayName: string;
  verifiedDoctor: boolean;
  anonymous: boolean;
}

export interface ThreadSummary {
  id: string;
  forumId: string;
  title: string;
  author: Author;
  createdAt: string;
  lastPostAt: string;
  replies: number;
  answered: boolean;
  redFlag: boolean;
}

export interface Post {
  id: string;
  seq: number;
  html: string;
  author: Author;
  createdAt: string;
  editedAt: string | null;
  likes: number;
  liked: boolean;
  mine: boolean;
  editableUntil: string | null;
  redFlags: string[];
  best: boolean;
  first: boolean;
  body?: string;
}

export interface ThreadPageData {
  thread: {
    id: string;
    title: string;
    forum: { id: string; slug: string; title: string; sensitive: boolean };
    author: Author;
    status: 'published' | 'pending' | 'hidden';
    createdAt: string;
    postCount: number;
    bestPostId: string | null;
    following: boolean;
    mine: boolean;
    canReply: boolean;
    canMarkBest: boolean;
    canModerate: boolean;
  };
  posts: Post[];
  total: number;
  page: number;
  pageSize: number;
  emergency: { country: string; number: string; others: string[] };
}

export interface ForumPageData {
  forum: Forum;
  threads: ThreadSummary[];
  total: number;
  page: number;
  pageSize: number;
}

export interface Created {
  id: string;
  threadId: string;
  postId: string;
  status: 'published' | 'pending' | 'hidden';
  message?: string;
}
