import{a as g}from"/build/_shared/chunk-RG2CV5G4.js";import{b as v}from"/build/_shared/chunk-T36URGAI.js";var E=v(D=>{"use strict";var c=g();function V(e,r){return e===r&&(e!==0||1/e===1/r)||e!==e&&r!==r}var x=typeof Object.is=="function"?Object.is:V,F=c.useState,O=c.useEffect,C=c.useLayoutEffect,I=c.useDebugValue;function L(e,r){var n=r(),o=F({inst:{value:n,getSnapshot:r}}),t=o[0].inst,u=o[1];return C(function(){t.value=n,t.getSnapshot=r,b(t)&&u({inst:t})},[e,n,r]),O(function(){return b(t)&&u({inst:t}),e(function(){b(t)&&u({inst:t})})},[e]),I(n),n}function b(e){var r=e.getSnapshot;e=e.value;try{var n=r();return!x(e,n)}catch{return!0}}function R(e,r){return r()}var T=typeof window>"u"||typeof window.document>"u"||typeof window.document.createElement>"u"?R:L;D.useSyncExternalStore=c.useSyncExternalStore!==void 0?c.useSyncExternalStore:T});var M=v((re,$)=>{"use strict";$.exports=E()});var w=v(j=>{"use strict";var d=g(),q=M();function z(e,r){return e===r&&(e!==0||1/e===1/r)||e!==e&&r!==r}var _=typeof Object.is=="function"?Object.is:z,k=q.useSyncExternalStore,G=d.useRef,P=d.useEffect,W=d.useMemo,Y=d.useDebugValue;j.useSyncExternalStoreWithSelector=function(e,r,n,o,t){var u=G(null);if(u.current===null){var i={hasValue:!1,value:null};u.current=i}else i=u.current;u=W(function(){function y(s){if(!h){if(h=!0,m=s,s=o(s),t!==void 0&&i.hasValue){var a=i.value;if(t(a,s))return l=a}return l=s}if(a=l,_(m,s))return a;var S=o(s);return t!==void 0&&t(a,S)?(m=s,a):(m=s,l=S)}var h=!1,m,l,p=n===void 0?null:n;return[function(){return y(r())},p===null?void 0:function(){return y(p())}]},[r,n,o,t]);var f=k(e,u[0],u[1]);return P(function(){i.hasValue=!0,i.value=f},[f]),Y(f),f}});var Z=v((ne,U)=>{"use strict";U.exports=w()});var N=new Intl.NumberFormat("en-US",{style:"currency",currency:"USD",maximumFractionDigits:0});function A(e){return N.format(e)}function B(e){let r=Math.abs(e);return r>=1e6?`$${(e/1e6).toFixed(r>=1e7?1:2)}M`:r>=1e3?`$${Math.round(e/1e3)}k`:`$${Math.round(e)}`}function H(e,r=0){return`${(e*100).toFixed(r)}%`}function J(e,r=1){return Number.isInteger(e)?e.toLocaleString("en-US"):e.toLocaleString("en-US",{minimumFractionDigits:r,maximumFractionDigits:r})}function K(e){let[r,n]=e.split("-").map(Number);return new Date(Date.UTC(r,n-1,1)).toLocaleDateString("en-US",{month:"short",year:"numeric",timeZone:"UTC"})}function Q(e,r){let[n,o]=e.split("-").map(Number),t=(r.getUTCFullYear()-n)*12+(r.getUTCMonth()+1-o);if(t<0)return"starts soon";if(t<12)return`${t} mo`;let u=Math.floor(t/12),i=t%12;return i===0?`${u} yr`:`${u} yr ${i} mo`}export{Z as a,A as b,B as c,H as d,J as e,K as f,Q as g};
/*! Bundled license information:

use-sync-external-store/cjs/use-sync-external-store-shim.production.js:
  (**
   * @license React
   * use-sync-external-store-shim.production.js
   *
   * Copyright (c) Meta Platforms, Inc. and affiliates.
   *
   * This source code is licensed under the MIT license found in the
   * LICENSE file in the root directory of this source tree.
   *)

use-sync-external-store/cjs/use-sync-external-store-shim/with-selector.production.js:
  (**
   * @license React
   * use-sync-external-store-shim/with-selector.production.js
   *
   * Copyright (c) Meta Platforms, Inc. and affiliates.
   *
   * This source code is licensed under the MIT license found in the
   * LICENSE file in the root directory of this source tree.
   *)
*/
