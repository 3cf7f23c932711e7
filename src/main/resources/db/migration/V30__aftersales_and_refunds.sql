-- After-sales cases a resident opens on an order, and the conversation with operations.
CREATE TABLE aftersales_case (
  case_no           text PRIMARY KEY,
  order_no          text NOT NULL REFERENCES report_order(order_no),
  type              text NOT NULL CHECK (type IN ('NOT_RECEIVED', 'DAMAGED', 'WRONG_INFO', 'REFUND', 'OTHER')),
  description       text NOT NULL,
  status            text NOT NULL CHECK (status IN ('OPEN', 'ANSWERED', 'RESOLVED')),
  opened_at         timestamptz NOT NULL DEFAULT now(),
  -- The first answer from operations: an "unanswered for 24 h" SLA reads opened_at and this.
  first_replied_at  timestamptz,
  resolution        text CHECK (resolution IN ('RESHIP', 'REFUND', 'PARTIAL_REFUND', 'NO_ACTION')),
  resolution_fen    int,
  resolution_note   text,
  resolved_by       text,
  resolved_at       timestamptz,
  CHECK ((status = 'RESOLVED') = (resolution IS NOT NULL))
);
CREATE INDEX aftersales_case_order_idx ON aftersales_case (order_no, opened_at);
CREATE INDEX aftersales_case_status_idx ON aftersales_case (status, opened_at, case_no);
CREATE INDEX aftersales_case_unanswered_idx ON aftersales_case (opened_at) WHERE first_replied_at IS NULL;

CREATE TABLE aftersales_message (
  id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  case_no   text NOT NULL REFERENCES aftersales_case(case_no),
  author    text NOT NULL CHECK (author IN ('RESIDENT', 'OPS')),
  staff     text,
  body      text NOT NULL,
  at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX aftersales_message_case_idx ON aftersales_message (case_no, id);

-- Every refund asked of WeChat Pay for an order: the whole order (the refund of a cancel or of a
-- site that cannot issue the report) or a part of it (after-sales). Its refund number is fixed
-- when the row is written, so asking again never refunds twice; the rows of an order never add
-- up to more than was paid (checked with the order row locked).
CREATE TABLE order_refund (
  refund_no      text PRIMARY KEY,
  order_no       text NOT NULL REFERENCES report_order(order_no),
  kind           text NOT NULL CHECK (kind IN ('FULL', 'PARTIAL')),
  amount_fen     int  NOT NULL CHECK (amount_fen > 0),
  reason         text NOT NULL,
  case_no        text REFERENCES aftersales_case(case_no),
  requested_by   text NOT NULL,
  -- PENDING until WeChat says; PROBLEM when it answered ABNORMAL or CLOSED; OFFLINE when an
  -- operator paid it back outside WeChat Pay and said so.
  status         text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'SUCCESS', 'PROBLEM', 'OFFLINE')),
  wechat_status  text,
  problem        text,
  attempt        int  NOT NULL DEFAULT 1,
  note           text,
  created_at     timestamptz NOT NULL DEFAULT now(),
  settled_at     timestamptz
);
CREATE INDEX order_refund_order_idx ON order_refund (order_no);
CREATE INDEX order_refund_open_idx ON order_refund (created_at) WHERE status IN ('PENDING', 'PROBLEM');

-- Refunds of orders refunding or refunded before this table existed.
INSERT INTO order_refund (refund_no, order_no, kind, amount_fen, reason, requested_by, status, problem, created_at, settled_at)
SELECT order_no || 'R1', order_no, 'FULL', amount_fen, COALESCE(refund_reason, '退款'), 'system',
       CASE WHEN status = 'REFUNDED' THEN 'SUCCESS' WHEN refund_problem IS NOT NULL THEN 'PROBLEM' ELSE 'PENDING' END,
       refund_problem, updated_at, refunded_at
  FROM report_order WHERE status IN ('REFUNDING', 'REFUNDED') AND amount_fen > 0;

-- A report sent again after an after-sales case: the site sees the order back in its queue.
ALTER TABLE report_order ADD COLUMN reship_count int NOT NULL DEFAULT 0;

-- One refund per after-sales case: resolving a case twice never refunds twice.
CREATE UNIQUE INDEX order_refund_case_idx ON order_refund (case_no) WHERE case_no IS NOT NULL;
