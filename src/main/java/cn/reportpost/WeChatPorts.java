package cn.reportpost;

import cn.reportpost.notify.ResidentMessenger;
import cn.reportpost.payment.WeChatPay;
import cn.reportpost.resident.MiniAppClient;
import cn.reportpost.resident.OAuthClient;

/**
 * What the features need of WeChat, each as the feature sees it. The gateway provides all of
 * them; {@code cashierUrl} is the sandbox's cashier page in dev mode and null in production;
 * {@code miniApp} is null when the product runs without a mini-program.
 */
public record WeChatPorts(WeChatPay pay, OAuthClient oauth, ResidentMessenger messenger, MiniAppClient miniApp,
    String cashierUrl) {}
