package cn.reportpost;

import cn.reportpost.catalog.Catalog;
import cn.reportpost.config.AppConfig;
import cn.reportpost.redis.Redis;
import cn.reportpost.wechat.WeChatGateway;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;

import java.time.Clock;

/**
 * What the features share, built once by the launcher and handed to every HTTP verticle instance:
 * the pool (transactions and writes), the pipelined client for single-statement reads, the one
 * Redis connection, the one clock, the in-process catalog, and the one gateway to WeChat.
 */
public record Services(Vertx vertx, AppConfig config, Clock clock, Pool pool, SqlClient reads, Redis redis,
    PrometheusMeterRegistry metrics, Catalog catalog, WeChatGateway wechat) {}
